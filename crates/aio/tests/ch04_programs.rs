//! Chapter 4's programs, ported from `genloop` to `aio`, must say exactly
//! what they said there: each test compares the trace with the body of
//! `crates/ch04-event-loop/snapshots/<name>.snap`, which CPython's asyncio
//! prints too (`crates/ch04-event-loop/python/`). Same order, same times.
//!
//! All the demos of `crates/ch04-event-loop/src/demos/`, then the programs
//! of the chapter's exercises: every snapshot of the chapter.

use std::path::Path;

use aio::{Task, gather, say, sleep, spawn};
use trace::Trace;

/// The expected trace: the snapshot's body, after its 4-line header.
fn snapshot(name: &str) -> String {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ch04-event-loop/snapshots")
        .join(format!("{name}.snap"));
    let text = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    let body: Vec<&str> = text.lines().skip(4).collect();
    assert!(!body.is_empty(), "{} has no trace", file.display());
    body.iter().map(|line| format!("{line}\n")).collect()
}

fn check<F>(name: &str, main: F)
where
    F: Future<Output = ()> + 'static,
{
    let t = Trace::new();
    aio::run(&t, main);
    assert_eq!(t.render(), snapshot(name), "{name}");
}

// The demos' shared pieces, as in `src/demos/`.

/// create_task.rs: starts, sleeps `ticks`, ends.
async fn worker(ticks: u64) -> u64 {
    say("starts");
    sleep(ticks).await;
    say("ends");
    ticks
}

/// join_vs_gather.rs: a turn counter.
async fn ticker(ticks: u32) {
    for i in 0..ticks {
        say(format!("tick {i}"));
        sleep(0).await;
    }
}

/// join_vs_gather.rs: says one line, never gives way.
async fn quick() {
    say("done");
}

/// say_after_awaited.rs.
async fn say_after(ticks: u64, what: &str) {
    sleep(ticks).await;
    say(what);
}

#[test]
fn create_task() {
    check("create_task", async {
        let a = spawn("A", worker(2));
        let b = spawn("B", worker(1));
        a.await;
        b.await;
    });
}

#[test]
fn equal_sleeps() {
    async fn sleeper(give_way_first: bool) {
        if give_way_first {
            sleep(0).await;
        }
        say("sleeps 1");
        sleep(1).await;
        say("wakes");
    }
    check("equal_sleeps", async {
        let a = spawn("A", sleeper(true));
        let b = spawn("B", sleeper(false));
        let c = spawn("C", sleeper(false));
        gather(&[a, b, c]).await;
    });
}

#[test]
fn gather_demo() {
    check("gather", async {
        let a = spawn("A", worker(2));
        let b = spawn("B", worker(1));
        let results = gather(&[a, b]).await;
        say(format!("gathered {results:?}"));
    });
}

#[test]
fn hello_world() {
    check("hello_world", async {
        say("Hello");
        sleep(1).await;
        say("World");
    });
}

#[test]
fn join_vs_gather() {
    check("join_vs_gather", async {
        spawn("T", ticker(6));
        let a = spawn("A", quick());
        a.await;
        say("awaited A");
        let b = spawn("B", quick());
        gather(&[b]).await;
        say("gathered B");
    });
}

#[test]
fn main_returns() {
    check("main_returns", async {
        let a = spawn("A", quick());
        spawn("T", ticker(5));
        a.await;
        say("returns");
    });
}

#[test]
fn never_scheduled() {
    check("never_scheduled", async {
        say("calls say_after");
        // No `.await`: made, dropped, never run.
        #[allow(unused_must_use)]
        say_after(1, "hello");
        say("sleeps 2");
        sleep(2).await;
        say("finished");
    });
}

#[test]
fn ping_pong() {
    async fn player(word: &str) {
        for _ in 0..3 {
            say(word);
            sleep(0).await;
        }
    }
    check("ping_pong", async {
        let a = spawn("A", player("ping"));
        let b = spawn("B", player("pong"));
        a.await;
        b.await;
    });
}

#[test]
fn say_after_awaited() {
    check("say_after_awaited", async {
        say("started");
        say_after(2, "hello").await;
        say_after(3, "world").await;
        say("finished");
    });
}

#[test]
fn say_after_tasks() {
    check("say_after_tasks", async {
        let a = spawn("A", say_after(2, "hello"));
        let b = spawn("B", say_after(3, "world"));
        say("started");
        a.await;
        b.await;
        say("finished");
    });
}

#[test]
fn waiters() {
    async fn worker() -> u32 {
        say("works");
        sleep(2).await;
        say("done");
        42
    }
    async fn waiter(a: Task<u32>, ticks: u64) {
        sleep(ticks).await;
        say("waits for A");
        let result = a.await;
        say(format!("A gave {result}"));
    }
    check("waiters", async {
        let a = spawn("A", worker());
        let b = spawn("B", waiter(a.clone(), 1));
        let c = spawn("C", waiter(a, 0));
        b.await;
        c.await;
    });
}

// The exercises' programs that run on genloop, from solutions/ch04_event_loop/.

#[test]
fn count_to_ten() {
    async fn count(to: u32) {
        for n in 1..=to {
            say(n);
            sleep(1).await;
        }
        say("done");
    }
    check("count_to_ten", async {
        let counters: Vec<Task<()>> = ["A", "B", "C"]
            .into_iter()
            .map(|name| spawn(name, count(10)))
            .collect();
        gather(&counters).await;
        say("all counted");
    });
}

async fn job(ticks: u64) -> u64 {
    say("begins");
    sleep(ticks).await;
    say("finishes");
    ticks
}

#[test]
fn create_task_order() {
    check("create_task_order", async {
        say("creating");
        let a = spawn("A", job(3));
        let b = spawn("B", job(1));
        say("created A and B");
        let from_b = b.await;
        say(format!("B returned {from_b}"));
        let c = spawn("C", job(1));
        let from_a = a.await;
        say(format!("A returned {from_a}"));
        let from_c = c.await;
        say(format!("C returned {from_c}"));
    });
}

#[test]
fn gather_order() {
    async fn job(ticks: u64) -> u64 {
        sleep(ticks).await;
        say(format!("done after {ticks}"));
        ticks * 10
    }
    check("gather_order", async {
        let slow = spawn("slow", job(3));
        let fast = spawn("fast", job(1));
        let middle = spawn("middle", job(2));
        say("gathering");
        let results = gather(&[slow, fast, middle]).await;
        say(format!("results {results:?}"));
    });
}

#[test]
fn never_awaited() {
    check("never_awaited", async {
        let saver = spawn("saver", async {
            say("saving");
            sleep(1).await;
            say("saved");
        });
        say("work done");
        saver.await;
        say("exiting");
    });
}

#[test]
fn sequential_awaits() {
    async fn fetch(page: &str, ticks: u64) {
        say(format!("requested {page}"));
        sleep(ticks).await;
        say(format!("received {page}"));
    }
    check("sequential_awaits", async {
        say("fetching");
        let first = spawn("page1", fetch("page1", 3));
        let second = spawn("page2", fetch("page2", 2));
        first.await;
        second.await;
        say("both fetched");
    });
}

#[test]
fn wake_order() {
    async fn early_bird() {
        sleep(2).await;
        say("woke");
        sleep(0).await;
        say("again");
    }
    async fn dawdler() {
        say("first");
        sleep(0).await;
        say("second");
        sleep(2).await;
        say("woke");
    }
    check("wake_order", async {
        let a = spawn("A", early_bird());
        let b = spawn("B", dawdler());
        say("spawned both");
        sleep(2).await;
        say("woke");
        a.await;
        b.await;
        say("done");
    });
}

// The two exercises that build loops of their own; main stands in for the
// loop's list of tasks.

#[test]
fn timers() {
    check("timers", async {
        let a = spawn("A", async {
            say("starts");
            sleep(2).await;
            say("woke");
            sleep(0).await;
            say("again");
        });
        let b = spawn("B", async {
            say("starts");
            sleep(1).await;
            say("ends");
        });
        let c = spawn("C", async {
            say("starts");
            sleep(2).await;
            say("woke");
        });
        gather(&[a, b, c]).await;
    });
}

#[test]
fn spawns() {
    check("spawns", async {
        say("start");
        spawn("A", async {
            say("runs");
            sleep(1).await;
            say("ends");
        });
        spawn("B", async {
            say("runs");
            spawn("C", async { say("runs") });
            say("spawned C");
            sleep(0).await;
            say("again");
        });
        say("spawned A and B");
        sleep(2).await;
        say("done");
    });
}
