//! Mistakes that do not stop the program but are worth a word. The words
//! are the same in both reference loops and live in `crates/loop-report`;
//! here is how `genloop` watches a task's turn.

use std::time::Instant;

pub(crate) use loop_report::{AWAITS_ITSELF, never_awaited, warn};
pub use loop_report::{SLOW_TURN, take_warnings};

/// Call after a task's turn that began at `started`: warn if it was slow.
/// (`genloop` has no threads to offer, unlike `aio`'s `to_thread`.)
pub(crate) fn check_turn(task: &str, time: u64, started: Instant) {
    let took = started.elapsed();
    if took >= SLOW_TURN {
        warn(loop_report::slow_turn(
            task,
            time,
            took,
            "hand the work to a thread",
        ));
    }
}
