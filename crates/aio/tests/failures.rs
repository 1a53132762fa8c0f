//! What a learner sees when a program goes wrong, word for word. None of
//! these may hang: each ends with a message. (The same messages as
//! `genloop`'s, chapter 4's loop: for a test both loops have, the program
//! is here and what it must show is in `crates/loop-tests` (`failures`).)

#[path = "support/on_aio.rs"]
mod on_aio;

use std::cell::RefCell;
use std::future::poll_fn;
use std::rc::Rc;
use std::sync::atomic::Ordering;
use std::task::Poll;

use aio::{Task, TaskError, gather, say, sleep, spawn};
use loop_tests::{failures, panic_of};
use on_aio::{Aio, program};
use trace::Trace;

/// main awaits A, A awaits B, B awaits A.
async fn deadlocked() {
    sleep(3).await;
    // A needs B's handle: main puts it here before A first runs.
    let b_for_a: Rc<RefCell<Option<Task<()>>>> = Rc::default();
    let slot = b_for_a.clone();
    let a = spawn("A", async move {
        let b = slot.borrow().clone().expect("B spawned");
        b.await;
    });
    let b = spawn("B", a.clone());
    *b_for_a.borrow_mut() = Some(b);
    a.await;
}

#[test]
fn tasks_that_wait_for_each_other_are_a_deadlock() {
    failures::tasks_that_wait_for_each_other_are_a_deadlock::<Aio>(|| program(deadlocked()));
}

#[test]
fn a_deadlock_names_what_each_task_waits_for() {
    let error = aio::try_run(&Trace::new(), async {
        let never = spawn("N", poll_fn(|_| Poll::<()>::Pending));
        let quick = spawn("Q", async {});
        let g = spawn("G", {
            let (never, quick) = (never.clone(), quick.clone());
            async move { gather(&[never, quick]).await }
        });
        let w = spawn("W", {
            let never = never.clone();
            async move { aio::wait(vec![never], aio::ReturnWhen::FirstCompleted).await }
        });
        aio::timeout(5, g).await.ok();
        w.await;
    })
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "deadlock at time 5: every task waits and no timer is set; \
         main waits for W, N is pending, and no task or timer will wake it (did a future return Pending without keeping its waker?), \
         G waits for N, W waits for N. (asyncio would hang here forever.)"
    );
}

#[test]
fn a_task_that_panics_fails_alone_and_whoever_awaits_it_learns_why() {
    failures::a_task_that_panics_fails_alone_and_whoever_awaits_it_learns_why::<Aio>(
        "Err(Failed { task: \"B\", message: \"boom\" })",
        program(async {
            let b = spawn("B", async {
                say("starts");
                sleep(1).await;
                panic!("boom");
            });
            let outcome: Result<(), TaskError> = b.outcome().await;
            say(format!("{outcome:?}"));
            say(outcome.unwrap_err());
            "main carries on"
        }),
    );
}

#[test]
fn awaiting_passes_a_failure_on_like_python_reraising() {
    failures::awaiting_passes_a_failure_on_like_python_reraising::<Aio>(
        program(async {
            let b = spawn("B", async {
                sleep(1).await;
                panic!("boom");
            });
            b.await;
            say("never said");
        }),
        program(async {
            let b = spawn("B", async { panic!("boom") });
            b.await
        }),
    );
}

#[test]
fn a_failure_nobody_awaited_is_reported_at_the_end() {
    failures::a_failure_nobody_awaited_is_reported_at_the_end::<Aio>(program(async {
        spawn("B", async {
            say("starts");
            panic!("boom");
        });
        sleep(1).await;
        say("returns without awaiting B");
    }));
}

#[test]
fn several_failures_nobody_awaited_are_all_reported() {
    failures::several_failures_nobody_awaited_are_all_reported::<Aio>(program(async {
        spawn("B", async { panic!("boom") });
        spawn("C", async { std::panic::panic_any(42) });
        sleep(1).await;
    }));
}

#[test]
fn a_panic_in_clean_up_is_the_tasks_failure() {
    struct Bad;
    impl Drop for Bad {
        fn drop(&mut self) {
            panic!("clean-up failed");
        }
    }
    let error = aio::try_run(&Trace::new(), async {
        let b = spawn("B", async {
            let _bad = Bad;
            sleep(5).await;
        });
        sleep(1).await;
        b.cancel();
        b.await;
    })
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "task main failed: task B failed: clean-up failed"
    );
}

#[test]
fn gather_fails_as_soon_as_one_task_fails() {
    failures::gather_fails_as_soon_as_one_task_fails::<Aio>(program(async {
        let a = spawn("A", async {
            sleep(1).await;
            panic!("boom");
        });
        let b = spawn("B", async {
            sleep(2).await;
            say("never said: the loop stopped at 1");
        });
        gather(&[a, b]).await;
    }));
}

#[test]
fn a_task_that_yields_forever_is_stopped_after_the_step_budget() {
    failures::a_task_that_yields_forever_is_stopped_after_the_step_budget::<Aio>(program(async {
        let a = spawn("A", async {
            loop {
                sleep(0).await;
            }
        });
        a.await;
    }));
}

#[test]
fn legit_programs_stay_far_below_the_step_budget() {
    // A thousand tasks that count to ten: about 11,000 polls.
    failures::legit_programs_stay_far_below_the_step_budget::<Aio>(program(async {
        let tasks: Vec<Task<u32>> = (0..1000)
            .map(|i| {
                spawn(&format!("T{i}"), async {
                    for _ in 0..10 {
                        sleep(1).await;
                    }
                    10
                })
            })
            .collect();
        gather(&tasks).await.iter().sum::<u32>()
    }));
}

#[test]
fn the_running_loop_is_needed_and_cannot_be_nested() {
    assert_eq!(
        panic_of(|| say("hello")),
        "aio::say() was called outside aio::run, where there is no loop to run it. \
         (asyncio would raise RuntimeError: no running event loop.)"
    );
    let error = aio::try_run(&Trace::new(), async {
        aio::run(&Trace::new(), async {});
    })
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "task main failed: aio::run was called inside a running loop: a task cannot \
         start a loop of its own, it awaits instead. (asyncio would raise RuntimeError: \
         asyncio.run() cannot be called from a running event loop.)"
    );
    // And the loop that refused is still fine afterwards.
    assert_eq!(aio::run(&Trace::new(), async { 1 }), 1);
}

#[test]
fn a_task_that_never_yields_is_named_by_the_harness_watchdog() {
    let stuck = "The loop last polled task B, at time 2, and it never gave control back: the task \
                 is still running, and never returns from its poll";
    failures::a_task_that_never_yields_is_named_by_the_harness_watchdog::<Aio>(
        "ch05-async-await",
        stuck,
        |spinning| {
            program(async move {
                let b = spawn("B", async move {
                    sleep(2).await;
                    say("counts forever");
                    while !spinning.load(Ordering::Relaxed) {
                        std::hint::spin_loop();
                    }
                });
                b.await;
            })
        },
    );
}

#[test]
fn waiting_for_the_outside_world_starts_the_step_budget_again() {
    // A server waits for its clients for as long as it runs. Here each of
    // 100 waits is for a thread (the loop parks until it is done), against
    // a budget of 20 steps: only steps in a row without such a wait count.
    let served = aio::try_run_with_budget(&Trace::new(), 20, async {
        let mut served = 0;
        for _ in 0..100 {
            served += aio::to_thread(0, || 1).await;
        }
        served
    });
    assert_eq!(served, Ok(100));
}
