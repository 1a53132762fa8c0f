//! What a learner sees when a program goes wrong, word for word. None of
//! these may hang: each ends with a message.

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use genloop::{Cx, LoopError, STEP_BUDGET, Task, TaskFailed};
use trace::Trace;

fn failed(task: &str, message: &str) -> TaskFailed {
    TaskFailed {
        task: task.into(),
        message: message.into(),
    }
}

/// The message `run` panics with.
fn panic_of(f: impl FnOnce()) -> String {
    let payload = panic::catch_unwind(AssertUnwindSafe(f)).expect_err("run should panic");
    match payload.downcast::<String>() {
        Ok(message) => *message,
        Err(_) => "(not a String)".into(),
    }
}

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
    let message = "deadlock at time 3: every task waits and no timer is set; \
                   main waits for A, A waits for B, B waits for A. \
                   (asyncio would hang here forever.)";
    let error = genloop::try_run(&Trace::new(), deadlocked).unwrap_err();
    assert!(matches!(error, LoopError::Deadlock { time: 3, .. }));
    assert_eq!(error.to_string(), message);
    assert_eq!(
        panic_of(|| genloop::run(&Trace::new(), deadlocked)),
        message
    );
}

#[test]
fn a_task_that_panics_fails_alone_and_whoever_awaits_it_learns_why() {
    let t = Trace::new();
    let result = genloop::try_run(&t, |cx| async move {
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
    });
    assert_eq!(result, Ok("main carries on"));
    assert_eq!(
        t.render(),
        "  0 [B] starts\n\
         \x20 1 [main] Err(TaskFailed { task: \"B\", message: \"boom\" })\n\
         \x20 1 [main] task B failed: boom\n"
    );
}

#[test]
fn join_passes_a_failure_on_like_python_reraising() {
    let program = |t: &Trace| {
        genloop::try_run(t, |cx| async move {
            let b = cx
                .spawn("B", |cx| async move {
                    cx.sleep(1).await;
                    panic!("boom");
                })
                .await;
            cx.join(&b).await;
            cx.say("never said");
        })
    };
    let t = Trace::new();
    let error = program(&t).unwrap_err();
    assert_eq!(
        error,
        LoopError::MainFailed(failed("main", "task B failed: boom"))
    );
    assert_eq!(error.to_string(), "task main failed: task B failed: boom");
    assert_eq!(t.render(), "");
    assert_eq!(
        panic_of(|| {
            genloop::run(&Trace::new(), |cx| async move {
                let b = cx.spawn("B", |_| async { panic!("boom") }).await;
                cx.join(&b).await
            })
        }),
        "task main failed: task B failed: boom"
    );
}

#[test]
fn a_failure_nobody_awaited_is_reported_at_the_end() {
    let t = Trace::new();
    let error = genloop::try_run(&t, |cx| async move {
        cx.spawn("B", |cx| async move {
            cx.say("starts");
            panic!("boom");
        })
        .await;
        cx.sleep(1).await;
        cx.say("returns without awaiting B");
    })
    .unwrap_err();
    assert_eq!(error, LoopError::NeverRetrieved(vec![failed("B", "boom")]));
    assert_eq!(
        error.to_string(),
        "task B failed: boom, and no task awaited it. \
         (asyncio would log \"Task exception was never retrieved\".)"
    );
    assert_eq!(
        t.render(),
        "  0 [B] starts\n  1 [main] returns without awaiting B\n"
    );
}

#[test]
fn several_failures_nobody_awaited_are_all_reported() {
    let error = genloop::try_run(&Trace::new(), |cx| async move {
        cx.spawn("B", |_| async { panic!("boom") }).await;
        cx.spawn("C", |_| async { std::panic::panic_any(42) }).await;
        cx.sleep(1).await;
    })
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "task B failed: boom; task C failed: (a panic without a message), \
         and no task awaited them. \
         (asyncio would log \"Task exception was never retrieved\".)"
    );
}

#[test]
fn gather_fails_as_soon_as_one_task_fails() {
    let t = Trace::new();
    let error = genloop::try_run(&t, |cx| async move {
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
    })
    .unwrap_err();
    assert_eq!(error.to_string(), "task main failed: task A failed: boom");
    assert_eq!(t.render(), "");
}

#[test]
fn a_task_that_yields_forever_is_stopped_after_the_step_budget() {
    let error = genloop::try_run(&Trace::new(), |cx| async move {
        let a = cx
            .spawn("A", |cx| async move {
                loop {
                    cx.sleep(0).await;
                }
            })
            .await;
        cx.join(&a).await;
    })
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "the program was still running after {STEP_BUDGET} steps, at time 0: \
             main waits for A, A is ready. \
             Does a task loop forever? (asyncio would never finish.)"
        )
    );
}

#[test]
fn legit_programs_stay_far_below_the_step_budget() {
    // A thousand tasks that count to ten: about 11,000 resumes.
    let t = Trace::new();
    let counted = genloop::run(&t, |cx| async move {
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
    });
    assert_eq!(counted, 10_000);
    const { assert!(11_000 * 10 < STEP_BUDGET) };
}

#[test]
fn a_task_that_never_yields_is_named_by_the_harness_watchdog() {
    // Nothing can take the turn from a task that never yields: only the
    // harness's watchdog ends it, and the trace tells it which task ran.
    let stop = Arc::new(AtomicBool::new(false));
    let spinning = stop.clone();
    let crate_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let watched = harness::Exercise::demo("spins", crate_dir, false)
        .with_watchdog(Duration::from_millis(200));
    let message = panic_of(move || {
        watched.check("spins", move |t| {
            genloop::run(t, |cx| async move {
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
            });
        })
    });
    stop.store(true, Ordering::Relaxed); // let the spinning thread go
    assert!(
        message.contains(
            "The loop last resumed task B, at time 2, and never got control back: \
             either that task never yields or is stuck in a blocking call (std::thread::sleep, \
             blocking I/O), which holds up every other task, \
             or the loop itself goes round forever, \
             or every task waits for something that never comes (a socket nobody writes to)."
        ),
        "{message}"
    );
}
