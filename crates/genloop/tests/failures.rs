//! What a learner sees when a program goes wrong, word for word. None of
//! these may hang: each ends with a message. The programs are here, in
//! `genloop`'s words; what each must show is in `crates/loop-tests`
//! (`failures`), which `aio`'s tests check too.

#[path = "support/on_genloop.rs"]
mod on_genloop;

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::Ordering;

use genloop::{Cx, Task, TaskFailed};
use loop_tests::failures;
use on_genloop::{Genloop, program};

/// main awaits A, A awaits B, B awaits A.
async fn deadlocked(cx: Cx) {
    cx.sleep(3).await;
    // A needs B's handle: main puts it here before A first runs.
    let b_for_a: Rc<RefCell<Option<Task<()>>>> = Rc::default();
    let slot = b_for_a.clone();
    let a = cx
        .spawn("A", |cx| async move {
            let b = slot.borrow().clone().expect("B spawned");
            cx.join(&b).await;
        })
        .await;
    let a_for_b = a.clone();
    let b = cx
        .spawn("B", |cx| async move { cx.join(&a_for_b).await })
        .await;
    *b_for_a.borrow_mut() = Some(b);
    cx.join(&a).await;
}

#[test]
fn tasks_that_wait_for_each_other_are_a_deadlock() {
    failures::tasks_that_wait_for_each_other_are_a_deadlock::<Genloop>(|| program(deadlocked));
}

#[test]
fn a_task_that_panics_fails_alone_and_whoever_awaits_it_learns_why() {
    failures::a_task_that_panics_fails_alone_and_whoever_awaits_it_learns_why::<Genloop>(
        "Err(TaskFailed { task: \"B\", message: \"boom\" })",
        program(|cx| async move {
            let b = cx
                .spawn("B", |cx| async move {
                    cx.say("starts");
                    cx.sleep(1).await;
                    panic!("boom");
                })
                .await;
            let outcome: Result<(), TaskFailed> = cx.try_join(&b).await;
            cx.say(format!("{outcome:?}"));
            cx.say(outcome.unwrap_err());
            "main carries on"
        }),
    );
}

#[test]
fn join_passes_a_failure_on_like_python_reraising() {
    failures::awaiting_passes_a_failure_on_like_python_reraising::<Genloop>(
        program(|cx| async move {
            let b = cx
                .spawn("B", |cx| async move {
                    cx.sleep(1).await;
                    panic!("boom");
                })
                .await;
            cx.join(&b).await;
            cx.say("never said");
        }),
        program(|cx| async move {
            let b = cx.spawn("B", |_| async { panic!("boom") }).await;
            cx.join(&b).await
        }),
    );
}

#[test]
fn a_failure_nobody_awaited_is_reported_at_the_end() {
    failures::a_failure_nobody_awaited_is_reported_at_the_end::<Genloop>(program(
        |cx| async move {
            cx.spawn("B", |cx| async move {
                cx.say("starts");
                panic!("boom");
            })
            .await;
            cx.sleep(1).await;
            cx.say("returns without awaiting B");
        },
    ));
}

#[test]
fn several_failures_nobody_awaited_are_all_reported() {
    failures::several_failures_nobody_awaited_are_all_reported::<Genloop>(program(
        |cx| async move {
            cx.spawn("B", |_| async { panic!("boom") }).await;
            cx.spawn("C", |_| async { std::panic::panic_any(42) }).await;
            cx.sleep(1).await;
        },
    ));
}

#[test]
fn gather_fails_as_soon_as_one_task_fails() {
    failures::gather_fails_as_soon_as_one_task_fails::<Genloop>(program(|cx| async move {
        let a = cx
            .spawn("A", |cx| async move {
                cx.sleep(1).await;
                panic!("boom");
            })
            .await;
        let b = cx
            .spawn("B", |cx| async move {
                cx.sleep(2).await;
                cx.say("never said: the loop stopped at 1");
            })
            .await;
        cx.gather(&[a, b]).await;
    }));
}

#[test]
fn a_task_that_yields_forever_is_stopped_after_the_step_budget() {
    failures::a_task_that_yields_forever_is_stopped_after_the_step_budget::<Genloop>(program(
        |cx| async move {
            let a = cx
                .spawn("A", |cx| async move {
                    loop {
                        cx.sleep(0).await;
                    }
                })
                .await;
            cx.join(&a).await;
        },
    ));
}

#[test]
fn legit_programs_stay_far_below_the_step_budget() {
    // A thousand tasks that count to ten: about 11,000 resumes.
    failures::legit_programs_stay_far_below_the_step_budget::<Genloop>(program(|cx| async move {
        let mut tasks = Vec::new();
        for i in 0..1000 {
            let task = cx
                .spawn(&format!("T{i}"), |cx| async move {
                    for _ in 0..10 {
                        cx.sleep(1).await;
                    }
                    10
                })
                .await;
            tasks.push(task);
        }
        cx.gather(&tasks).await.iter().sum::<u32>()
    }));
}

#[test]
fn a_task_that_never_yields_is_named_by_the_harness_watchdog() {
    let stuck = "The loop last resumed task B, at time 2, and it never gave control back: the task \
                 is still running, and never yields (a loop in it that reaches no `.await`)";
    failures::a_task_that_never_yields_is_named_by_the_harness_watchdog::<Genloop>(
        "ch04-event-loop",
        stuck,
        |spinning| {
            program(|cx| async move {
                let b = cx
                    .spawn("B", |cx| async move {
                        cx.sleep(2).await;
                        cx.say("counts forever");
                        while !spinning.load(Ordering::Relaxed) {
                            std::hint::spin_loop();
                        }
                    })
                    .await;
                cx.join(&b).await;
            })
        },
    );
}
