//! A learner's mistakes that the loop names, word for word: a task that
//! awaits itself fails; a task left pending and a task that blocks the loop
//! earn a warning on standard error (never a line in the trace). The
//! appendix "When things go wrong" of the book points here.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use genloop::{Cx, LoopError, SLOW_TURN, Task, TaskFailed};
use trace::Trace;

/// The warnings of one kind, told apart by how they start, so that a slow
/// turn on a loaded machine does not upset a test about pending tasks.
fn warnings_containing(what: &str) -> Vec<String> {
    genloop::take_warnings()
        .into_iter()
        .filter(|warning| warning.contains(what))
        .collect()
}

/// A task that gets its own handle (through a slot main fills) and awaits it.
async fn awaits_itself(cx: Cx, gather: bool) {
    let own: Rc<RefCell<Option<Task<()>>>> = Rc::default();
    let slot = own.clone();
    let a = cx
        .spawn("A", move |cx| async move {
            cx.say("awaits itself");
            let me = slot.borrow().clone().expect("main filled the slot");
            if gather {
                cx.gather(&[me]).await;
            } else {
                cx.join(&me).await;
            }
            cx.say("never said");
        })
        .await;
    *own.borrow_mut() = Some(a.clone());
    cx.join(&a).await;
}

#[test]
fn a_task_that_awaits_itself_fails_at_once() {
    for gather in [false, true] {
        let t = Trace::new();
        let error = genloop::try_run(&t, move |cx| awaits_itself(cx, gather)).unwrap_err();
        assert_eq!(
            error,
            LoopError::MainFailed(TaskFailed {
                task: "main".into(),
                message:
                    "task A failed: it awaits itself, and a task cannot wait for its own end. \
                          (asyncio raises \"RuntimeError: Task cannot await on itself\".)"
                        .into(),
            })
        );
        assert_eq!(
            error.to_string(),
            "task main failed: task A failed: it awaits itself, and a task cannot wait for its own end. \
             (asyncio raises \"RuntimeError: Task cannot await on itself\".)"
        );
        assert_eq!(t.render(), "  0 [A] awaits itself\n");
    }
}

/// main starts `saver` and returns without awaiting it: the program of
/// the exercise `never_awaited`.
async fn forgets_the_saver(cx: Cx) {
    cx.spawn("saver", |cx| async move {
        cx.say("saving");
        cx.sleep(1).await;
        cx.say("saved");
    })
    .await;
    cx.say("exiting");
}

#[test]
fn a_task_left_pending_that_nobody_awaited_is_warned_about() {
    genloop::take_warnings(); // start clean
    let t = Trace::new();
    genloop::run(&t, forgets_the_saver);
    assert_eq!(
        warnings_containing("had not finished"),
        [
            "task saver had not finished when main returned at time 0, and no task awaited it, \
             so the loop dropped it and its remaining lines were never said. \
             Await it (or gather it) before main returns. \
             (asyncio.run cancels it; a loop closed without that logs \
             \"Task was destroyed but it is pending!\".)"
        ]
    );
    // The warning is not part of the trace, which stays what the book shows.
    assert_eq!(t.render(), "  0 [main] exiting\n  0 [saver] saving\n");
}

#[test]
fn tasks_awaited_or_finished_are_not_warned_about() {
    genloop::take_warnings();
    genloop::run(&Trace::new(), |cx| async move {
        // Finished before main returns, never awaited: fine, as in Python.
        cx.spawn("quick", |cx| async move { cx.say("done") }).await;
        // Awaited: fine.
        let slow = cx
            .spawn("slow", |cx| async move { cx.sleep(2).await })
            .await;
        cx.sleep(1).await;
        cx.join(&slow).await;
    });
    assert_eq!(
        warnings_containing("had not finished"),
        Vec::<String>::new()
    );
    // A pending task that only a pending task awaits: the one nobody
    // awaited is named, not the one it waits for.
    genloop::run(&Trace::new(), |cx| async move {
        cx.spawn("outer", |cx| async move {
            let inner = cx
                .spawn("inner", |cx| async move { cx.sleep(5).await })
                .await;
            cx.join(&inner).await;
        })
        .await;
    });
    let warnings = warnings_containing("had not finished");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("task outer had not finished"),
        "{warnings:?}"
    );
}

/// Replace the measured milliseconds and seconds by `N`, so the rest of
/// the message can be compared word for word.
fn without_numbers_measured(warning: &str) -> (String, u128) {
    let (before, after) = warning
        .split_once(" ms of real time")
        .expect("milliseconds");
    let (head, millis) = before.rsplit_once(' ').expect("a number");
    let millis: u128 = millis.parse().expect("whole milliseconds");
    let (middle, tail) = after.split_once(" took ").expect("seconds");
    let seconds_end = tail.find(" seconds").expect("seconds");
    let masked = format!(
        "{head} N ms of real time{middle} took N{}",
        &tail[seconds_end..]
    );
    (masked, millis)
}

#[test]
fn a_blocking_call_in_a_task_is_warned_about_with_its_name_and_how_long() {
    genloop::take_warnings();
    let stall = SLOW_TURN + Duration::from_millis(50);
    let t = Trace::new();
    genloop::run(&t, move |cx| async move {
        let b = cx
            .spawn("B", move |cx| async move {
                cx.sleep(2).await;
                // The mistake: a blocking sleep, instead of `cx.sleep(…).await`.
                std::thread::sleep(stall);
                cx.say("slept");
            })
            .await;
        cx.join(&b).await;
    });
    let warnings = warnings_containing("kept the loop");
    let blamed: Vec<&String> = warnings
        .iter()
        .filter(|w| w.starts_with("task B "))
        .collect();
    assert_eq!(blamed.len(), 1, "{warnings:?}");
    let (masked, millis) = without_numbers_measured(blamed[0]);
    assert_eq!(
        masked,
        "task B kept the loop for N ms of real time in one turn, at time 2: \
         no other task could run meanwhile. A blocking call (std::thread::sleep, \
         blocking I/O, a long computation) inside a task does that; await sleep \
         instead, or hand the work to a thread. (asyncio's debug mode says: \
         Executing <Task name='B'> took N seconds.)"
    );
    assert!(millis >= stall.as_millis(), "{millis} ms");
    assert_eq!(t.render(), "  2 [B] slept\n");
}

#[test]
fn a_run_without_a_budget_is_not_watched() {
    // The benchmarks run with no budget, and read no clock per turn.
    genloop::take_warnings();
    genloop::try_run_with_budget(&Trace::new(), u64::MAX, |_cx| async move {
        std::thread::sleep(SLOW_TURN + Duration::from_millis(20));
    })
    .unwrap();
    assert_eq!(warnings_containing("kept the loop"), Vec::<String>::new());
}
