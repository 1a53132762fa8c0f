//! A learner's mistakes that the loop names, word for word: a task that
//! awaits itself fails; a task left pending and a task that blocks the loop
//! earn a warning on standard error (never a line in the trace). The
//! appendix "When things go wrong" of the book points here. (The same
//! messages as `genloop`'s, chapter 4's loop: for a test both loops have,
//! the program is here and what it must show is in `crates/loop-tests`
//! (`mistakes`).)

#[path = "support/on_aio.rs"]
mod on_aio;

use std::cell::RefCell;
use std::rc::Rc;

use aio::{Task, gather, say, sleep, spawn};
use loop_tests::mistakes;
use on_aio::{Aio, program};
use trace::Trace;

/// A task that gets its own handle (through a slot main fills) and awaits it.
async fn awaits_itself(gather_it: bool) {
    let own: Rc<RefCell<Option<Task<()>>>> = Rc::default();
    let slot = own.clone();
    let a = spawn("A", async move {
        say("awaits itself");
        let me = slot.borrow().clone().expect("main filled the slot");
        if gather_it {
            gather(&[me]).await;
        } else {
            me.await;
        }
        say("never said");
    });
    *own.borrow_mut() = Some(a.clone());
    a.await;
}

#[test]
fn a_task_that_awaits_itself_fails_at_once() {
    mistakes::a_task_that_awaits_itself_fails_at_once::<Aio>(program(awaits_itself(false)));
}

#[test]
fn a_task_that_gathers_itself_is_a_deadlock_that_says_so() {
    // gather waits through callbacks, not by awaiting the task: the loop
    // sees a task that waits for itself, and names it.
    let error = aio::try_run(&Trace::new(), awaits_itself(true)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "deadlock at time 0: every task waits and no timer is set; \
         main waits for A, A waits for A. (asyncio would hang here forever.)"
    );
}

#[test]
fn a_task_left_pending_that_nobody_awaited_is_warned_about() {
    // main starts `saver` and returns without awaiting it.
    mistakes::a_task_left_pending_that_nobody_awaited_is_warned_about::<Aio>(
        program(async {
            spawn("saver", async {
                say("saving");
                sleep(1).await;
                say("saved");
            });
            say("exiting");
        }),
        " If it is not meant to finish (a worker that waits for work for ever), \
         cancel it once its work is done.",
    );
}

#[test]
fn tasks_awaited_or_finished_are_not_warned_about() {
    mistakes::tasks_awaited_or_finished_are_not_warned_about::<Aio>(
        program(async {
            spawn("quick", async { say("done") });
            let slow = spawn("slow", sleep(2));
            sleep(1).await;
            slow.await;
        }),
        program(async {
            spawn("outer", async {
                spawn("inner", sleep(5)).await;
            });
        }),
    );
}

#[test]
fn a_blocking_call_in_a_task_is_warned_about_with_its_name_and_how_long() {
    mistakes::a_blocking_call_in_a_task_is_warned_about_with_its_name_and_how_long::<Aio>(
        "hand the work to a thread with to_thread",
        |stall| {
            program(async move {
                let b = spawn("B", async move {
                    sleep(2).await;
                    // The mistake: a blocking sleep, instead of `sleep(…).await`.
                    std::thread::sleep(stall);
                    say("slept");
                });
                b.await;
            })
        },
    );
}

#[test]
fn a_run_without_a_budget_is_not_watched() {
    // The benchmarks run with no budget, and read no clock per poll.
    mistakes::a_run_without_a_budget_is_not_watched::<Aio>(|stall| {
        program(async move { std::thread::sleep(stall) })
    });
}
