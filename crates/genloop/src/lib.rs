//! An event loop made of generators, that runs tasks in the order Python's
//! asyncio runs them.
//!
//! A task is a generator. It never calls the loop: it *yields* a
//! [`Request`] ("let me sleep 2 ticks", "start this task", "wake me when B
//! is done") and is resumed with the loop's [`Reply`]. These are system
//! calls, as in David Beazley's pyos, and this is also how asyncio works
//! underneath: a coroutine `await`s down to a `yield`, and the loop's `Task`
//! resumes it with `send`. [`Cx`] wraps the yields in methods named after
//! asyncio's functions, so a task reads like its Python twin:
//!
//! ```
//! let t = trace::Trace::new();
//! let answer = genloop::run(&t, |cx| async move {
//!     let b = cx
//!         .spawn("B", |cx| async move {
//!             cx.say("starts");
//!             cx.sleep(2).await;
//!             cx.say("ends");
//!             42
//!         })
//!         .await;
//!     cx.say("waits for B");
//!     cx.join(&b).await
//! });
//! assert_eq!(answer, 42);
//! assert_eq!(
//!     t.render(),
//!     "  0 [main] waits for B\n  0 [B] starts\n  2 [B] ends\n"
//! );
//! ```
//!
//! # Who runs next: asyncio's rules
//!
//! - **One ready queue, first in first out.** A new task goes to the back
//!   (asyncio's `create_task` is a `call_soon` of its first step), so it
//!   first runs after the current task gives way. `sleep(0)` sends the
//!   current task to the back.
//! - **A request that need not wait is answered at once**, without a trip
//!   through the queue: spawn, current, and joining a task that has
//!   finished. (`await task` on a finished task does not yield in Python.)
//! - **The clock is virtual.** `sleep(n)` sets a timer at now + n. When no
//!   task is ready, the clock jumps to the earliest timer; every timer due
//!   then fires, in the order they were set, and their tasks join the queue
//!   in that order. Running code takes no time and nothing sleeps for real.
//! - **A task that finishes wakes its waiters**, in the order they started
//!   waiting, at the back of the queue.
//! - **`gather` takes one hop more than `join`.** In CPython a finished
//!   child schedules gather's callback with `call_soon`; that callback
//!   completes the gather, which schedules the waiting task. So the task
//!   that gathers wakes one turn later than if it had awaited the child.
//! - **The loop runs in rounds**: each round runs what was ready when it
//!   began (asyncio's `_run_once`). That gives the same order as a plain
//!   queue; it only matters for stopping, next.
//! - **When main finishes, the loop stops at the end of the next round**,
//!   as `asyncio.run` does (main's done-callback calls `loop.stop()`): tasks
//!   ready by then take one more step. asyncio then cancels the tasks left;
//!   we drop them, and the trace says nothing more.
//!
//! # When things go wrong
//!
//! [`try_run`] returns a [`LoopError`] that says what happened, in words a
//! learner can act on; [`run`] panics with the same message.
//!
//! - A panic in a task is caught and becomes that task's failure. Whoever
//!   awaits the task gets it: [`Cx::join`] panics in turn with
//!   `task B failed: boom` (Python re-raises), [`Cx::try_join`] returns it.
//!   A failure nobody awaited is reported at the end, like Python's "Task
//!   exception was never retrieved".
//! - Every task waits for another and no timer is set: a deadlock, reported
//!   with who waits for whom. (asyncio would hang forever.)
//! - A task that yields forever is stopped after [`STEP_BUDGET`] resumes.
//! - A task that never yields cannot be stopped by anyone: that is what
//!   cooperative means. The test harness's watchdog reports it, and asks
//!   the trace which task was running ([`trace::Trace::stamp`]).
//! - A task that awaits itself fails at once, as in Python.
//!
//! Two mistakes only earn a warning on standard error, never a line in
//! the trace (`crates/loop-report`, [`take_warnings`]): a task that had not
//! finished when main returned and that no task awaited ("Task was
//! destroyed but it is pending!"), and a turn that kept the loop for
//! [`SLOW_TURN`] of real time or more (a blocking call in a task).
//!
//! # Reading the code
//!
//! `src/request.rs` is what the two sides say to each other: the
//! [`Request`] a task yields and the [`Reply`] it is resumed with.
//! `src/task.rs` is the task's side: [`Cx`], whose every method yields one
//! [`Request`] and reads the [`Reply`]. `src/event_loop.rs` is the loop's
//! side, from the top: a run, a round, a step, what it does with each
//! request. The loop never sees what a task returns: that goes straight
//! into the task's [`Task`] handle, so the loop deals with one kind of
//! generator. The virtual clock and the words for what goes wrong are the
//! same as chapter 5's loop's, in `crates/loop-report`.

mod event_loop;
mod request;
mod task;

use std::future::Future;

use trace::Trace;

pub use loop_report::{SLOW_TURN, STEP_BUDGET, take_warnings};
pub use request::{Coroutine, LoopError, Reply, Request, TaskFailed, TaskId};
pub use task::{Cx, Task};

/// `asyncio.run(main())`: run `main` as the task named `main` until it
/// finishes, and return its result. Panics with the [`LoopError`]'s message
/// if the run goes wrong.
///
/// Every line the tasks say is stamped with the time and the task: `run`
/// installs a stamper on `trace`. It stays installed, so a line said after
/// `run` returns carries the time the loop stopped.
#[track_caller]
pub fn run<T, F, Fut>(trace: &Trace, main: F) -> T
where
    F: FnOnce(Cx) -> Fut + 'static,
    Fut: Future<Output = T> + 'static,
    T: 'static,
{
    match try_run(trace, main) {
        Ok(value) => value,
        Err(error) => panic!("{error}"),
    }
}

/// [`run`], with what went wrong as a value.
pub fn try_run<T, F, Fut>(trace: &Trace, main: F) -> Result<T, LoopError>
where
    F: FnOnce(Cx) -> Fut + 'static,
    Fut: Future<Output = T> + 'static,
    T: 'static,
{
    try_run_with_budget(trace, STEP_BUDGET, main)
}

/// [`try_run`], stopped after `budget` resumes instead of
/// [`STEP_BUDGET`]. For programs meant to run long, such as the benchmarks
/// (`crates/bench`), whose tasks resume millions of times; `u64::MAX` is
/// no budget at all, and no watch on slow turns either ([`SLOW_TURN`]).
pub fn try_run_with_budget<T, F, Fut>(trace: &Trace, budget: u64, main: F) -> Result<T, LoopError>
where
    F: FnOnce(Cx) -> Fut + 'static,
    Fut: Future<Output = T> + 'static,
    T: 'static,
{
    let clock = loop_report::Clock::stamping(trace);
    let (coroutine, result) = task::coroutine(trace, &clock, main);
    event_loop::Loop::new(trace, clock, budget).run(coroutine)?;
    let value = result.borrow_mut().take();
    Ok(value.expect("main finished, so its result is there"))
}
