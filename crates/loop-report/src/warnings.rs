//! Mistakes that do not stop the program but are worth a word: a task left
//! pending when main returned, and a task that held the loop for a long
//! (real) time. The loop goes on; a warning goes to standard error, where
//! `cargo test` shows it next to a failing test, never into the trace,
//! whose lines the snapshots check.

use std::cell::RefCell;
use std::time::Duration;

/// A task that keeps the loop this long (in real time) in one turn is
/// reported: a correct task's turn takes microseconds.
pub const SLOW_TURN: Duration = Duration::from_millis(100);

/// Keep at most this many warnings per thread for [`take_warnings`]; a
/// program that warns more is warned about enough.
pub(crate) const KEPT: usize = 100;

thread_local! {
    static WARNINGS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// How many warnings this thread has given, ever: [`take_warnings`]
    /// empties the list, but nothing lowers this.
    static GIVEN: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Print `message` to standard error, as `warning: …`, and keep it for
/// [`take_warnings`].
pub fn warn(message: String) {
    eprintln!("warning: {message}");
    GIVEN.set(GIVEN.get() + 1);
    WARNINGS.with(|warnings| {
        let mut warnings = warnings.borrow_mut();
        if warnings.len() < KEPT {
            warnings.push(message);
        }
    });
}

/// The warnings the loops run on this thread have given since the last
/// call, oldest first (without the `warning: ` they are printed with).
///
/// `genloop` and `aio` keep their warnings in this one list, so
/// `genloop::take_warnings` and `aio::take_warnings` are the same function
/// and either takes both loops' warnings. A thread runs one loop at a
/// time, so a test that takes the warnings of its own run gets only those.
pub fn take_warnings() -> Vec<String> {
    WARNINGS.with(|warnings| std::mem::take(&mut *warnings.borrow_mut()))
}

/// How many warnings the loops have given on this thread since it
/// started. The test harness compares it before and after a run, so that
/// a program that takes its own warnings cannot hide them.
pub fn warnings_given() -> u64 {
    GIVEN.get()
}

/// What a task that awaits itself fails with.
pub const AWAITS_ITSELF: &str = "it awaits itself, and a task cannot wait for its own end. \
     (asyncio raises \"RuntimeError: Task cannot await on itself\".)";

/// main returned while `task` had not finished, and no task awaited it.
/// `or_stop_it` follows the advice to await it with what this loop offers
/// for a task that should not finish, such as a worker that waits for work
/// for ever (`aio` has `cancel`; genloop nothing, so `""`).
pub fn never_awaited(task: &str, time: u64, or_stop_it: &str) -> String {
    format!(
        "task {task} had not finished when main returned at time {time}, and no task awaited it, \
         so the loop dropped it, and whatever it had left to do never ran. \
         Await it (or gather it) before main returns.{or_stop_it} \
         (asyncio.run cancels it; a loop closed without that logs \
         \"Task was destroyed but it is pending!\".)"
    )
}

/// What `aio` says after "Await it (or gather it) before main returns.".
pub const OR_CANCEL_IT: &str = " If it is not meant to finish (a worker that waits for work for ever), cancel it once its work is done.";

/// Warn if `task`'s turn, resumed at virtual `time`, kept the loop
/// [`SLOW_TURN`] or more of real time: what both loops call after each
/// turn they watch. `hand_off` is as for [`slow_turn`].
pub fn warn_if_slow(task: &str, time: u64, took: Duration, hand_off: &str) {
    if took >= SLOW_TURN {
        warn(slow_turn(task, time, took, hand_off));
    }
}

/// `task`, resumed at virtual `time`, kept the loop for `took` of real time.
/// `hand_off` ends the advice with what this loop offers for slow work,
/// such as `"hand the work to a thread with to_thread"`.
pub fn slow_turn(task: &str, time: u64, took: Duration, hand_off: &str) -> String {
    format!(
        "task {task} kept the loop for {} ms of real time in one turn, at time {time}: \
         no other task could run meanwhile. A blocking call (std::thread::sleep, \
         blocking I/O, a long computation) inside a task does that; await sleep \
         instead, or {hand_off}. (asyncio's debug mode says: \
         Executing <Task name='{task}'> took {:.3} seconds.)",
        took.as_millis(),
        took.as_secs_f64()
    )
}
