//! What `aio` does beyond chapter 4 (cancel, `wait`, `as_completed`,
//! `timeout`), checked against CPython's asyncio. Each program here has a
//! twin in `tests/python/<name>.py` that prints its trace with the same
//! format (`_trace.py`, a link to chapter 4's). Each Rust program is pinned
//! to the trace CPython printed when it was written; `python_agrees` runs
//! the Python twins with `python3` and checks that CPython still prints the
//! same. They run on `_trace.py`'s virtual clock: CPython's own asyncio
//! scheduler decides the order, and nothing sleeps, so the traces do not
//! depend on how busy the machine is.

use aio::{Elapsed, ReturnWhen, Task, TaskError, as_completed, say, sleep, spawn, timeout, wait};
use trace::Trace;

#[path = "support/python_twins.rs"]
mod python_twins;

/// Python's `finally: say("cleans up")`: said when dropped, whether the
/// future finished or was cancelled.
struct CleansUp;

impl Drop for CleansUp {
    fn drop(&mut self) {
        say("cleans up");
    }
}

/// Python's `str(True)`.
fn py(value: bool) -> &'static str {
    if value { "True" } else { "False" }
}

/// Sleeps `start`, then counts turns: `tick 0`, `tick 1`, …
async fn ticker(start: u64, ticks: u32) {
    sleep(start).await;
    for i in 0..ticks {
        say(format!("tick {i}"));
        sleep(0).await;
    }
}

fn trace_of<F: Future<Output = ()> + 'static>(main: F) -> String {
    let t = Trace::new();
    aio::run(&t, main);
    t.render()
}

// ---- cancel.py

fn cancel() -> String {
    async fn worker(ticks: u64) {
        say("starts");
        let _finally = CleansUp;
        sleep(ticks).await;
        say("wakes");
    }
    async fn ticker(ticks: u32) {
        for i in 0..ticks {
            say(format!("tick {i}"));
            sleep(0).await;
        }
    }
    trace_of(async {
        let a = spawn("A", worker(5));
        let b = spawn("B", worker(1));
        let n = spawn("N", worker(1));
        say(format!("cancels N: {}", py(n.cancel())));
        sleep(1).await;
        // B's timer fired too: B is ready, behind main.
        spawn("T", ticker(3));
        say(format!("cancels A: {}", py(a.cancel())));
        say(format!("cancels B: {}", py(b.cancel())));
        say(format!("cancels A again: {}", py(a.cancel())));
        for task in [&a, &b, &n] {
            if let Err(TaskError::Cancelled { task }) = task.outcome().await {
                say(format!("{task} was cancelled"));
            }
        }
        say(format!("cancels B again: {}", py(b.cancel())));
    })
}

const CANCEL: &str = "  0 [main] cancels N: True
  0 [A] starts
  0 [B] starts
  1 [main] cancels A: True
  1 [main] cancels B: True
  1 [main] cancels A again: True
  1 [B] cleans up
  1 [T] tick 0
  1 [A] cleans up
  1 [T] tick 1
  1 [main] A was cancelled
  1 [main] B was cancelled
  1 [main] N was cancelled
  1 [main] cancels B again: False
  1 [T] tick 2
";

#[test]
fn cancel_wakes_the_task_and_its_clean_up_runs_on_its_turn() {
    assert_eq!(cancel(), CANCEL);
}

// ---- wait_first.py

async fn job(ticks: u64) -> u64 {
    sleep(ticks).await;
    say("done");
    ticks
}

/// Python prints sets sorted.
fn names<T>(tasks: &[Task<T>]) -> String {
    let mut names: Vec<&str> = tasks.iter().map(Task::name).collect();
    names.sort();
    format!("[{}]", names.join(", "))
}

fn wait_first() -> String {
    trace_of(async {
        spawn("T", ticker(1, 4));
        let a = spawn("A", job(3));
        let b = spawn("B", job(1));
        let c = spawn("C", job(1));
        let (done, pending) = wait(vec![a, b.clone(), c], ReturnWhen::FirstCompleted).await;
        say(format!(
            "done {}, pending {}",
            names(&done),
            names(&pending)
        ));
        spawn("U", ticker(2, 4));
        let (done, pending) = wait(pending, ReturnWhen::AllCompleted).await;
        say(format!(
            "done {}, pending {}",
            names(&done),
            names(&pending)
        ));
        spawn("V", ticker(0, 4));
        let (done, _) = wait(vec![b], ReturnWhen::FirstCompleted).await;
        say(format!("done {} at once? no: V ticked first", names(&done)));
    })
}

const WAIT_FIRST: &str = "  1 [T] tick 0
  1 [B] done
  1 [C] done
  1 [T] tick 1
  1 [T] tick 2
  1 [main] done [B, C], pending [A]
  1 [T] tick 3
  3 [A] done
  3 [U] tick 0
  3 [U] tick 1
  3 [main] done [A], pending []
  3 [U] tick 2
  3 [U] tick 3
  3 [V] tick 0
  3 [main] done [B] at once? no: V ticked first
  3 [V] tick 1
";

#[test]
fn wait_returns_two_turns_after_the_first_finished_with_all_done_by_then() {
    assert_eq!(wait_first(), WAIT_FIRST);
}

// ---- as_completed.py

fn as_completed_demo() -> String {
    async fn job(name: &'static str, ticks: u64) -> &'static str {
        sleep(ticks).await;
        say("done");
        name
    }
    trace_of(async {
        spawn("T", ticker(1, 4));
        let tasks = [("A", 3), ("B", 1), ("C", 2), ("D", 1)]
            .into_iter()
            .map(|(name, ticks)| spawn(name, job(name, ticks)))
            .collect();
        let mut finished = as_completed(tasks);
        while let Some(result) = finished.next().await {
            say(format!("got {result}"));
        }
    })
}

const AS_COMPLETED: &str = "  1 [T] tick 0
  1 [B] done
  1 [D] done
  1 [T] tick 1
  1 [T] tick 2
  1 [main] got B
  1 [main] got D
  1 [T] tick 3
  2 [C] done
  2 [main] got C
  3 [A] done
  3 [main] got A
";

#[test]
fn as_completed_gives_results_in_finishing_order_without_waiting_for_ready_ones() {
    assert_eq!(as_completed_demo(), AS_COMPLETED);
}

// ---- wait_for.py

fn wait_for() -> String {
    async fn slow(ticks: u64) -> u64 {
        say("starts");
        let _finally = CleansUp;
        sleep(ticks).await;
        say("finishes");
        ticks
    }
    async fn attempt(ticks: u64, limit: u64) {
        match timeout(limit, slow(ticks)).await {
            Ok(result) => say(format!("got {result}")),
            Err(Elapsed) => say(format!("timed out after {limit}")),
        }
    }
    trace_of(async {
        attempt(1, 3).await;
        spawn("T", ticker(2, 3));
        attempt(5, 2).await;
        attempt(2, 2).await;
    })
}

const WAIT_FOR: &str = "  0 [main] starts
  1 [main] finishes
  1 [main] cleans up
  1 [main] got 1
  1 [main] starts
  3 [main] cleans up
  3 [main] timed out after 2
  3 [main] starts
  3 [T] tick 0
  3 [T] tick 1
  3 [T] tick 2
  5 [main] cleans up
  5 [main] timed out after 2
";

#[test]
fn timeout_drops_the_future_at_the_deadline_and_wins_a_tie() {
    assert_eq!(wait_for(), WAIT_FOR);
}

// ---- CPython

/// Each twin's name (`tests/python/<name>.py`) and the trace it must print.
const TWINS: &[(&str, &str)] = &[
    ("cancel", CANCEL),
    ("wait_first", WAIT_FIRST),
    ("as_completed", AS_COMPLETED),
    ("wait_for", WAIT_FOR),
];

#[test]
fn python_agrees() {
    python_twins::assert_twins_agree(TWINS, "tests/cpython.rs");
}
