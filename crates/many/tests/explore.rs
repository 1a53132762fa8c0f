//! The explorer tries every schedule, says how each run ended, and stops a
//! program it cannot explore with a message that says why.
use std::sync::Arc;

use many::{JoinSet, explore, say, spawn, yield_now};
use tokio::sync::{Mutex, oneshot};
use trace::Trace;

fn orders(explored: &many::Explored) -> Vec<String> {
    explored.orders.iter().map(|o| o.lines.join(" ")).collect()
}

async fn two_lines(t: Trace, name: &'static str) {
    say(&t, format!("{name}1")).await;
    say(&t, format!("{name}2")).await;
}

#[test]
fn every_interleaving_of_two_tasks_is_found_once() {
    let explored = explore(1000, |t: Trace| async move {
        let a = spawn(two_lines(t.clone(), "a"));
        let b = spawn(two_lines(t.clone(), "b"));
        a.await.unwrap();
        b.await.unwrap();
    });
    assert!(explored.complete);
    assert_eq!(
        orders(&explored),
        [
            "a1 a2 b1 b2",
            "a1 b1 a2 b2",
            "a1 b1 b2 a2",
            "b1 a1 a2 b2",
            "b1 a1 b2 a2",
            "b1 b2 a1 a2"
        ]
    );
    let times: usize = explored.orders.iter().map(|o| o.times).sum();
    assert_eq!(times, explored.schedules);
}

#[test]
fn what_a_task_waits_for_comes_first() {
    let explored = explore(1000, |t: Trace| async move {
        let (sent, received) = oneshot::channel();
        let b = spawn({
            let t = t.clone();
            async move {
                received.await.unwrap();
                say(&t, "b").await;
            }
        });
        say(&t, "a").await;
        sent.send(()).unwrap();
        b.await.unwrap();
    });
    assert_eq!(orders(&explored), ["a b"]);
}

#[test]
fn a_lock_held_across_an_await_keeps_sections_whole() {
    let explored = explore(1000, |t: Trace| async move {
        let lock = Arc::new(Mutex::new(()));
        let mut set = JoinSet::new();
        for name in ["a", "b"] {
            let (t, lock) = (t.clone(), lock.clone());
            set.spawn(async move {
                let _held = lock.lock().await;
                two_lines(t, name).await;
            });
        }
        while let Some(done) = set.join_next().await {
            done.unwrap();
        }
    });
    assert_eq!(orders(&explored), ["a1 a2 b1 b2", "b1 b2 a1 a2"]);
}

#[test]
fn main_returning_drops_the_other_tasks() {
    let explored = explore(1000, |t: Trace| async move {
        spawn(two_lines(t.clone(), "a"));
        say(&t, "main").await;
    });
    assert_eq!(orders(&explored), ["a1 a2 main", "a1 main", "main"]);
}

#[test]
fn an_aborted_task_says_nothing_more_and_its_handle_says_cancelled() {
    let explored = explore(1000, |t: Trace| async move {
        let (_keep, never) = oneshot::channel::<()>();
        let a = spawn({
            let t = t.clone();
            async move {
                let _ = never.await;
                say(&t, "never said").await;
            }
        });
        a.abort();
        let cancelled = a.await.unwrap_err().is_cancelled();
        say(&t, format!("cancelled: {cancelled}")).await;
    });
    assert_eq!(orders(&explored), ["cancelled: true"]);
}

#[test]
fn aborting_a_task_that_has_finished_keeps_its_result() {
    let explored = explore(1000, |t: Trace| async move {
        let a = spawn(async { 7 });
        yield_now().await;
        a.abort();
        yield_now().await; // the abort is dealt with before the next turn
        let result = a.await.map_err(|e| e.is_cancelled());
        say(&t, format!("{result:?}")).await;
    });
    // Finished before the abort on some schedules, cancelled on the others.
    assert_eq!(orders(&explored), ["Err(true)", "Ok(7)"]);
}

#[test]
fn dropping_a_join_set_aborts_its_tasks() {
    let explored = explore(1000, |t: Trace| async move {
        let mut set = JoinSet::new();
        set.spawn(two_lines(t.clone(), "a"));
        drop(set);
        yield_now().await;
        yield_now().await;
        say(&t, "main").await;
    });
    // `a` may start before the drop, never finish after it.
    assert!(
        orders(&explored).iter().all(|o| !o.contains("a2")),
        "{explored:?}"
    );
}

#[test]
fn tasks_that_wait_for_each_other_end_the_order_stuck() {
    let explored = explore(1000, |t: Trace| async move {
        let (_keep, never) = oneshot::channel::<()>();
        say(&t, "waits").await;
        let _ = never.await;
    });
    assert_eq!(explored.orders.len(), 1);
    assert_eq!(explored.orders[0].lines, ["waits", many::explore::STUCK]);
}

#[test]
fn the_bound_stops_the_walk_and_says_so() {
    let explored = explore(3, |t: Trace| async move {
        let a = spawn(two_lines(t.clone(), "a"));
        two_lines(t.clone(), "m").await;
        a.await.unwrap();
    });
    assert_eq!(explored.schedules, 3);
    assert!(!explored.complete);
    let rendered = verdict::orders::render(&explored);
    assert!(
        rendered.contains(", in the first 3 schedules (there are more)\n"),
        "{rendered}"
    );
}

#[test]
fn a_panic_names_the_task_and_its_schedule() {
    let caught = std::panic::catch_unwind(|| {
        explore(1000, |t: Trace| async move {
            let a = spawn({
                let t = t.clone();
                async move {
                    say(&t, "a").await;
                    panic!("boom");
                }
            });
            a.await.unwrap();
        })
    });
    let message = caught.unwrap_err().downcast::<String>().unwrap();
    assert!(message.starts_with("task 1 panicked: boom"), "{message}");
    assert!(message.contains("    task 1  a\n"), "{message}");
}

#[test]
fn a_task_that_yields_for_ever_is_stopped() {
    let caught = std::panic::catch_unwind(|| {
        explore(10, |_t: Trace| async move {
            loop {
                yield_now().await;
            }
        })
    });
    let message = caught.unwrap_err().downcast::<String>().unwrap();
    assert!(message.contains("more than 10000 turns"), "{message}");
}

#[test]
fn a_program_that_chooses_at_random_cannot_be_explored() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let caught = std::panic::catch_unwind(|| {
        explore(100, |t: Trace| async move {
            // The second run spawns fewer tasks than the first.
            let tasks = if RUNS.fetch_add(1, Ordering::Relaxed) == 0 {
                3
            } else {
                1
            };
            let handles: Vec<_> = (0..tasks)
                .map(|_| spawn(two_lines(t.clone(), "x")))
                .collect();
            yield_now().await;
            for handle in handles {
                handle.await.unwrap();
            }
        })
    });
    let message = caught.unwrap_err().downcast::<String>().unwrap();
    assert!(message.contains("did not do the same thing"), "{message}");
}

#[test]
fn on_tokio_runs_the_same_program_on_real_workers() {
    let runs = many::on_tokio(2, 20, |t: Trace| async move {
        let a = spawn(two_lines(t.clone(), "a"));
        two_lines(t.clone(), "m").await;
        a.await.unwrap();
    });
    let possible = explore(1000, |t: Trace| async move {
        let a = spawn(two_lines(t.clone(), "a"));
        two_lines(t.clone(), "m").await;
        a.await.unwrap();
    });
    for run in runs {
        assert!(possible.orders.iter().any(|o| o.lines == run), "{run:?}");
    }
}
