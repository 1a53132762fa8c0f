//! The tests that the two reference loops share. `genloop` (chapter 4,
//! generators) and `aio` (chapter 5 on, futures) keep the same scheduling
//! rules and say the same words when a program goes wrong, so what a run
//! must show is written once, here, and run on both.
//!
//! The programs cannot be shared: each loop has its own API
//! (`cx.spawn("B", |cx| body(cx)).await` against `aio::spawn("B", body)`).
//! So each loop's test file holds its programs, in its own words, and
//! hands each one to the test of the same name here, which runs it
//! through [`Loop`] and checks the outcome:
//!
//! - [`failures`]: the errors, word for word (`tests/failures.rs`);
//! - [`mistakes`]: the warnings, and a task that awaits itself
//!   (`tests/mistakes.rs`);
//! - [`rules`]: asyncio's scheduling rules, with the exact trace
//!   (`tests/rules.rs`);
//! - [`properties`]: properties of every run, on random programs that
//!   each loop interprets (`tests/properties.rs`); there the programs are
//!   data, so [`properties_of_every_run!`] makes the tests themselves.
//!
//! A test that only one loop has (cancellation, wakers and timeouts are
//! `aio`'s) stays in that loop's file, and may use the helpers here.
//!
//! Dev-only: `genloop` and `aio` list it in `[dev-dependencies]`. It
//! depends on neither, which is why a loop's tests say how to run a
//! program on it (`tests/support/` in each crate implements [`Loop`]).

pub mod failures;
pub mod mistakes;
pub mod properties;
pub mod rules;

use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::time::Duration;

pub use loop_report::LoopError;
use trace::Trace;

/// One reference loop, as the shared tests run it.
pub trait Loop: 'static {
    /// A program this loop runs as main, with `T` its result: for
    /// `genloop` a function of the task's `Cx`, for `aio` a future.
    type Main<T: 'static>;
    /// How this loop tells that a task failed: `genloop::TaskFailed`,
    /// `aio::TaskError`.
    type Failure: fmt::Debug + fmt::Display + PartialEq;
    /// The loop's [`loop_report::STEP_BUDGET`].
    const STEP_BUDGET: u64;
    /// The loop's [`loop_report::SLOW_TURN`].
    const SLOW_TURN: Duration;

    /// Task `task` failed with `message`, as this loop says it.
    fn failed(task: &str, message: &str) -> Self::Failure;
    /// The loop's `run`: main's result, or a panic with what went wrong.
    fn run<T: 'static>(trace: &Trace, main: Self::Main<T>) -> T;
    /// The loop's `try_run`.
    fn try_run<T: 'static>(
        trace: &Trace,
        main: Self::Main<T>,
    ) -> Result<T, LoopError<Self::Failure>>;
    /// The loop's `try_run_with_budget`.
    fn try_run_with_budget<T: 'static>(
        trace: &Trace,
        budget: u64,
        main: Self::Main<T>,
    ) -> Result<T, LoopError<Self::Failure>>;
    /// The loop's `take_warnings`.
    fn take_warnings() -> Vec<String>;
}

/// `impl Loop for $name` by the functions of the loop's crate `$krate`,
/// which both have: `run`, `try_run`, `try_run_with_budget`,
/// `take_warnings`, `STEP_BUDGET` and `SLOW_TURN`. `$main<T>` is the type
/// of a program, and `$failed` makes a failure from a task's name and a
/// message (both `String`s):
///
/// ```text
/// loop_tests::impl_loop!(Genloop: genloop, Main<T>, TaskFailed, |task, message| {
///     TaskFailed { task, message }
/// });
/// ```
#[macro_export]
macro_rules! impl_loop {
    ($name:ident: $krate:ident, $main:ident<T>, $failure:ty, $failed:expr) => {
        impl $crate::Loop for $name {
            type Main<T: 'static> = $main<T>;
            type Failure = $failure;
            const STEP_BUDGET: u64 = $krate::STEP_BUDGET;
            const SLOW_TURN: ::std::time::Duration = $krate::SLOW_TURN;

            fn failed(task: &str, message: &str) -> $failure {
                let failed: fn(String, String) -> $failure = $failed;
                failed(task.to_string(), message.to_string())
            }

            fn run<T: 'static>(trace: &::trace::Trace, main: $main<T>) -> T {
                $krate::run(trace, main)
            }

            fn try_run<T: 'static>(
                trace: &::trace::Trace,
                main: $main<T>,
            ) -> Result<T, $crate::LoopError<$failure>> {
                $krate::try_run(trace, main)
            }

            fn try_run_with_budget<T: 'static>(
                trace: &::trace::Trace,
                budget: u64,
                main: $main<T>,
            ) -> Result<T, $crate::LoopError<$failure>> {
                $krate::try_run_with_budget(trace, budget, main)
            }

            fn take_warnings() -> Vec<String> {
                $krate::take_warnings()
            }
        }
    };
}

/// Run `main` on `L` with a fresh trace, and render what was said.
pub fn trace_of<L: Loop>(main: L::Main<()>) -> String {
    let t = Trace::new();
    L::run(&t, main);
    t.render()
}

/// The expected trace, one string a line.
pub fn lines(lines: &[&str]) -> String {
    lines.iter().map(|line| format!("{line}\n")).collect()
}

/// The message `f` panics with.
pub fn panic_of(f: impl FnOnce()) -> String {
    let payload = panic::catch_unwind(AssertUnwindSafe(f)).expect_err("should panic");
    match payload.downcast::<String>() {
        Ok(message) => *message,
        Err(payload) => match payload.downcast::<&str>() {
            Ok(message) => message.to_string(),
            Err(_) => "(not a string)".into(),
        },
    }
}
