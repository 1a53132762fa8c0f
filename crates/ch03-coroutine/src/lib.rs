//! Chapter 3, "coroutine": generators that cooperate.
//!
//! The learner's code is in `exercises/ch03_coroutine/`; with the
//! `solutions` feature the crate compiles the files of the same names in
//! `solutions/ch03_coroutine/` instead. The tests in `tests/` check either.
//! The book's own programs are in [`demos`]; the few pieces every program
//! of the chapter shares are below.

pub mod demos;
pub mod scheduler;

use genawaiter::rc::{Co, Gen};
use std::future::Future;
use std::pin::Pin;
use trace::Trace;

// ANCHOR: coroutine
/// A coroutine that is sent `T`s and yields nothing back: a stage of a
/// pipeline. Boxed, so stages made by different functions have one type
/// and can be passed to each other.
pub type Coroutine<'a, T> = Gen<(), T, Pin<Box<dyn Future<Output = ()> + 'a>>>;

/// Make a coroutine and prime it, like the `@coroutine` decorator of
/// Python pipelines: the body runs to its first `yield`, so the first
/// value sent is received. genawaiter drops the value that primes it;
/// `T::default()` is only there because it must be given something.
pub fn coroutine<'a, T: Default + 'a, F>(body: impl FnOnce(Co<(), T>) -> F) -> Coroutine<'a, T>
where
    F: Future<Output = ()> + 'a,
{
    let mut coroutine: Coroutine<'a, T> = Gen::new(|co| Box::pin(body(co)) as Pin<Box<_>>);
    coroutine.resume_with(T::default());
    coroutine
}
// ANCHOR_END: coroutine

// ANCHOR: command
/// What the caller can do to a paused coroutine: Python's `send`, `throw`
/// and `close`, as values, because genawaiter can only send values.
pub enum Command<T> {
    /// `coroutine.send(value)`
    Send(T),
    /// `coroutine.throw(Error(message))`: report a problem where it is paused.
    Throw(String),
    /// `coroutine.close()`: stop for good, cleaning up on the way out.
    Close,
}
// ANCHOR_END: command

/// Only [`coroutine`]'s priming uses this, and genawaiter drops it unseen.
impl<T> Default for Command<T> {
    fn default() -> Self {
        Command::Close
    }
}

// ANCHOR: on_drop
/// Says `line` when dropped: Rust's `finally`. A generator that holds one
/// says it when it finishes, and also when it is dropped half-way, the way
/// Python runs a generator's `finally` when it is closed or collected.
pub struct OnDrop<'a> {
    t: &'a Trace,
    line: String,
}

impl<'a> OnDrop<'a> {
    pub fn new(t: &'a Trace, line: impl Into<String>) -> Self {
        OnDrop {
            t,
            line: line.into(),
        }
    }
}

impl Drop for OnDrop<'_> {
    fn drop(&mut self) {
        self.t.say(&self.line);
    }
}
// ANCHOR_END: on_drop

// ANCHOR: task
/// A coroutine run by a scheduler: resumed with nothing, yields nothing.
/// Every `co.yield_(()).await` says "someone else may run now".
pub type Task<'a> = Gen<(), (), Pin<Box<dyn Future<Output = ()> + 'a>>>;

/// Make a task from its body. Unlike [`coroutine`] it is not primed: the
/// scheduler's first resume starts it.
pub fn task<'a, F>(body: impl FnOnce(Co<()>) -> F) -> Task<'a>
where
    F: Future<Output = ()> + 'a,
{
    Gen::new(|co| Box::pin(body(co)) as Pin<Box<_>>)
}
// ANCHOR_END: task

/// One module per exercise, named by its id. Listed once, expanded into
/// whichever folder the build reads.
macro_rules! exercise_modules {
    () => {
        pub mod broadcast;
        pub mod cleanup_order;
        pub mod forgot_await;
        pub mod grep;
        pub mod handoff_order;
        pub mod hog;
        pub mod launches;
        pub mod round_robin;
        pub mod writer;
    };
}

// The learner's folder, or with `--features solutions` the answers' folder.
// Two plain `#[path]`s rather than one `cfg_attr(…, path)`: rustfmt and
// rust-analyzer follow a plain path, and `cargo fmt` must keep working.
#[cfg(not(feature = "solutions"))]
#[path = "../../../exercises/ch03_coroutine"]
mod files {
    exercise_modules!();
}
#[cfg(feature = "solutions")]
#[path = "../../../solutions/ch03_coroutine"]
mod files {
    exercise_modules!();
}
pub use files::*;
