//! A learner's mistakes that the loop names, word for word: a task that
//! awaits itself fails; a task left pending and a task that blocks the loop
//! earn a warning on standard error (never a line in the trace). The
//! appendix "When things go wrong" of the book points here. The programs
//! are here, in `genloop`'s words; what each must show is in
//! `crates/loop-tests` (`mistakes`), which `aio`'s tests check too.

#[path = "support/on_genloop.rs"]
mod on_genloop;

use std::cell::RefCell;
use std::rc::Rc;

use genloop::{Cx, Task};
use loop_tests::mistakes;
use on_genloop::{Genloop, program};

/// A task that gets its own handle (through a slot main fills) and awaits
/// it, by `join` or by `gather`.
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
    // In genloop, gathering itself is the same request: it fails too.
    for gather in [false, true] {
        mistakes::a_task_that_awaits_itself_fails_at_once::<Genloop>(program(move |cx| {
            awaits_itself(cx, gather)
        }));
    }
}

#[test]
fn a_task_left_pending_that_nobody_awaited_is_warned_about() {
    // main starts `saver` and returns without awaiting it.
    mistakes::a_task_left_pending_that_nobody_awaited_is_warned_about::<Genloop>(
        program(|cx| async move {
            cx.spawn("saver", |cx| async move {
                cx.say("saving");
                cx.sleep(1).await;
                cx.say("saved");
            })
            .await;
            cx.say("exiting");
        }),
        "",
    );
}

#[test]
fn tasks_awaited_or_finished_are_not_warned_about() {
    mistakes::tasks_awaited_or_finished_are_not_warned_about::<Genloop>(
        program(|cx| async move {
            cx.spawn("quick", |cx| async move { cx.say("done") }).await;
            let slow = cx
                .spawn("slow", |cx| async move { cx.sleep(2).await })
                .await;
            cx.sleep(1).await;
            cx.join(&slow).await;
        }),
        program(|cx| async move {
            cx.spawn("outer", |cx| async move {
                let inner = cx
                    .spawn("inner", |cx| async move { cx.sleep(5).await })
                    .await;
                cx.join(&inner).await;
            })
            .await;
        }),
    );
}

#[test]
fn a_blocking_call_in_a_task_is_warned_about_with_its_name_and_how_long() {
    mistakes::a_blocking_call_in_a_task_is_warned_about_with_its_name_and_how_long::<Genloop>(
        "hand the work to a thread",
        |stall| {
            program(move |cx| async move {
                let b = cx
                    .spawn("B", move |cx| async move {
                        cx.sleep(2).await;
                        // The mistake: a blocking sleep, instead of `cx.sleep(…).await`.
                        std::thread::sleep(stall);
                        cx.say("slept");
                    })
                    .await;
                cx.join(&b).await;
            })
        },
    );
}

#[test]
fn a_run_without_a_budget_is_not_watched() {
    // The benchmarks run with no budget, and read no clock per turn.
    mistakes::a_run_without_a_budget_is_not_watched::<Genloop>(|stall| {
        program(move |_cx| async move { std::thread::sleep(stall) })
    });
}
