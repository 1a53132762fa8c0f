//! What the workbook's two reference loops say when a run goes wrong, in
//! the same words: chapter 4's generators (`genloop`) and chapter 5's
//! futures (`aio`) make the same mistakes visible, so a learner who meets
//! a message on one loop meets it again, word for word, on the other.
//!
//! - [`LoopError`] is why a run could not return main's result; each loop
//!   fills it with its own kind of task failure, and names the result
//!   `genloop::LoopError` or `aio::LoopError`.
//! - [`STEP_BUDGET`] is how many steps a run takes before it calls itself
//!   a runaway.
//! - The warnings (`src/warnings.rs`) are for mistakes that do not stop
//!   the program: they go to standard error and to [`take_warnings`],
//!   never into the trace.
//! - What a run left unfinished (`src/unfinished.rs`): a panic's message,
//!   and what each pending task was doing, one line each.
//! - The virtual [`Clock`] (`src/clock.rs`) that stamps each line with the
//!   time and the task that said it.

mod clock;
mod unfinished;
mod warnings;

use std::fmt;

pub use clock::Clock;
pub use unfinished::{Doing, Wait, doing_words, panic_message, panic_text, unfinished_line};
pub use warnings::{
    AWAITS_ITSELF, OR_CANCEL_IT, SLOW_TURN, never_awaited, slow_turn, take_warnings, warn,
    warn_if_slow, warnings_given,
};

/// How many steps (a resume of a generator in `genloop`, a poll of a
/// future in `aio`) a run takes before it decides that one of its tasks
/// will never finish. A thousand tasks that each count to ten take about
/// eleven thousand steps. In `aio`, the count starts again whenever the
/// loop has waited for the world outside it (a socket, a thread), so a
/// server that waits for its clients may serve for ever.
pub const STEP_BUDGET: u64 = 200_000;

/// Why a run could not return main's result. `F` is how the loop tells
/// that a task failed: `genloop::TaskFailed`, or `aio::TaskError` (which
/// also says "cancelled").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoopError<F> {
    /// `main` panicked, or awaited a task that failed.
    MainFailed(F),
    /// These tasks failed and no task awaited them.
    NeverRetrieved(Vec<F>),
    /// Every task waits, no timer is set and nothing outside the loop (in
    /// `aio`, a thread or a socket) may wake one; one line per waiting
    /// task, such as `A waits for B`.
    Deadlock { time: u64, waiting: Vec<String> },
    /// [`STEP_BUDGET`] steps (or the budget given to the loop's
    /// `try_run_with_budget`) and main has not finished; what each
    /// unfinished task was doing, such as `A is ready`.
    Runaway {
        time: u64,
        tasks: Vec<String>,
        budget: u64,
    },
}

impl<F: fmt::Display> fmt::Display for LoopError<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoopError::MainFailed(failed) => write!(f, "{failed}"),
            LoopError::NeverRetrieved(failures) => {
                let them = if failures.len() == 1 { "it" } else { "them" };
                let failures: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
                write!(
                    f,
                    "{}, and no task awaited {them}. \
                     (asyncio would log \"Task exception was never retrieved\".)",
                    failures.join("; ")
                )
            }
            LoopError::Deadlock { time, waiting } => write!(
                f,
                "deadlock at time {time}: every task waits and no timer is set; {}. \
                 (asyncio would hang here forever.)",
                waiting.join(", ")
            ),
            LoopError::Runaway {
                time,
                tasks,
                budget,
            } => write!(
                f,
                "the program was still running after {budget} steps, at time {time}: {}. \
                 Does a task loop forever? (asyncio would never finish.)",
                tasks.join(", ")
            ),
        }
    }
}

impl<F: fmt::Debug + fmt::Display> std::error::Error for LoopError<F> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_failure_nobody_awaited_is_it_and_two_are_them() {
        let one = LoopError::NeverRetrieved(vec!["task B failed: boom"]);
        assert_eq!(
            one.to_string(),
            "task B failed: boom, and no task awaited it. \
             (asyncio would log \"Task exception was never retrieved\".)"
        );
        let two = LoopError::NeverRetrieved(vec!["task B failed: boom", "task C failed: bang"]);
        assert_eq!(
            two.to_string(),
            "task B failed: boom; task C failed: bang, and no task awaited them. \
             (asyncio would log \"Task exception was never retrieved\".)"
        );
    }

    #[test]
    fn a_slow_turn_ends_with_how_this_loop_hands_work_to_a_thread() {
        let took = std::time::Duration::from_millis(150);
        let message = slow_turn("B", 2, took, "hand the work to a thread with to_thread");
        assert!(
            message.contains("await sleep instead, or hand the work to a thread with to_thread. ("),
            "{message}"
        );
        assert!(
            message.starts_with("task B kept the loop for 150 ms"),
            "{message}"
        );
    }

    #[test]
    fn warnings_are_kept_up_to_a_limit_and_taken_once() {
        take_warnings();
        for n in 0..warnings::KEPT + 5 {
            warn(format!("number {n}"));
        }
        let kept = take_warnings();
        assert_eq!(kept.len(), warnings::KEPT);
        assert_eq!(kept[0], "number 0");
        assert_eq!(take_warnings(), Vec::<String>::new());
    }
}
