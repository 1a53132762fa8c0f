//! Chapter 5, "async/await": the generator machinery with a new syntax,
//! and the event loop rebuilt as an executor of `std::future::Future`s.
//!
//! The learner's code is in `exercises/ch05_async_await/`; with the
//! `solutions` feature the crate compiles the files of the same names in
//! `solutions/ch05_async_await/` instead. The tests in `tests/` check
//! either. The book's programs are in [`demos`]; they run on `aio`, the
//! reference runtime.

pub mod demos;

// ANCHOR: on_drop
/// Says `line` when dropped: at the end of its scope, or when the future
/// that holds it is dropped half-way, because its task was cancelled or a
/// timeout gave up on it. Rust's `finally` for futures.
pub struct OnDrop {
    line: &'static str,
}

impl OnDrop {
    pub fn new(line: &'static str) -> OnDrop {
        OnDrop { line }
    }
}

impl Drop for OnDrop {
    fn drop(&mut self) {
        aio::say(self.line);
    }
}
// ANCHOR_END: on_drop

// ANCHOR: if_cancelled
/// Says `line` if dropped before [`IfCancelled::complete`]: Python's
/// `except asyncio.CancelledError:`, for a future that is dropped half-way.
pub struct IfCancelled {
    line: &'static str,
}

impl IfCancelled {
    pub fn new(line: &'static str) -> IfCancelled {
        IfCancelled { line }
    }

    /// The work is done: nothing to say.
    pub fn complete(self) {
        std::mem::forget(self);
    }
}

impl Drop for IfCancelled {
    fn drop(&mut self) {
        aio::say(self.line);
    }
}
// ANCHOR_END: if_cancelled

/// One module per exercise, named by its id. Listed once, expanded into
/// whichever folder the build reads.
macro_rules! exercise_modules {
    () => {
        pub mod cancel_not_immediate;
        pub mod cancel_order;
        pub mod countdown_async;
        pub mod countdown_future;
        pub mod data_stream;
        pub mod first_done;
        pub mod lazy_futures;
        pub mod lazy_pair;
        pub mod partial_results;
        pub mod shared_balance;
        pub mod with_db;
    };
}

// The learner's folder, or with `--features solutions` the answers' folder.
// Two plain `#[path]`s rather than one `cfg_attr(…, path)`: rustfmt and
// rust-analyzer follow a plain path, and `cargo fmt` must keep working.
#[cfg(not(feature = "solutions"))]
#[path = "../../../exercises/ch05_async_await"]
mod files {
    exercise_modules!();
}
#[cfg(feature = "solutions")]
#[path = "../../../solutions/ch05_async_await"]
mod files {
    exercise_modules!();
}
pub use files::*;
