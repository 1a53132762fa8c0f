//! Mistakes that do not stop the program but are worth a word. The words
//! are the same in both reference loops and live in `crates/loop-report`;
//! here is how `aio` says them, and its own check of a task that awaits
//! itself.

use std::time::Duration;

pub(crate) use loop_report::{AWAITS_ITSELF, never_awaited, warn};
pub use loop_report::{SLOW_TURN, take_warnings};

/// `task`, polled at virtual `time`, kept the loop for `took` of real
/// time; `aio` has [`to_thread`](crate::to_thread) for such work.
pub(crate) fn slow_turn(task: &str, time: u64, took: Duration) -> String {
    loop_report::slow_turn(task, time, took, "hand the work to a thread with to_thread")
}

/// Awaiting itself would wait for ever (Python raises at once): fail the
/// task that does.
pub(crate) fn not_itself(awaited: crate::event_loop::TaskId) {
    let running = crate::event_loop::try_with(|l| l.running_task()).flatten();
    if running.is_some_and(|task| task.header.id == awaited) {
        panic!("{AWAITS_ITSELF}");
    }
}
