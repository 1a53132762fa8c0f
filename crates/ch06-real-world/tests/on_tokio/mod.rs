//! Two of the book's programs, compiled a second time to run on tokio's
//! current-thread runtime: the article's uvloop, a loop swapped for
//! another. Each program's file is included unchanged; in here the name
//! `aio` means a few functions written over tokio, and `crate::fetch` and
//! `crate::Inbox` the chapter's pretend world written over those.
//! `tests/tokio.rs` checks their traces against
//! `snapshots/<name>_tokio.snap`; `examples/on_tokio.rs` prints them.
//!
//! The functions over tokio are chapter 5's: `chapter5.rs` below is
//! `crates/ch05-async-await/tests/on_tokio/aio.rs`, the same file, read
//! through a `#[path]` (no chapter crate depends on another). This module
//! adds the one function chapter 6's world needs that chapter 5's programs
//! did not: `now`.
//!
//! Time is virtual on both sides: tokio's clock starts paused, and when
//! every task waits, tokio moves it to the next timer. One tick is one
//! millisecond of that clock.

// Chapter 5's `aio` over tokio: `run`, `say`, `spawn`, `Task`, `sleep`,
// `yield_now`, `timeout`. Not all of them are used here.
#[allow(dead_code)]
#[path = "../../../ch05-async-await/tests/on_tokio/aio.rs"]
mod chapter5;

// ANCHOR: aio
/// What the programs call when they say `aio::…`.
pub mod aio {
    use std::cell::Cell;
    use std::future::Future;

    use tokio::time::Instant;
    use trace::Trace;

    pub use super::chapter5::*;

    thread_local! {
        /// When `run` started, for `now`.
        static START: Cell<Option<Instant>> = const { Cell::new(None) };
    }

    /// Chapter 5's `run`, noting when it started.
    pub fn run<F>(trace: &Trace, main: F) -> F::Output
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        super::chapter5::run(trace, async move {
            START.set(Some(Instant::now()));
            main.await
        })
    }

    /// `loop.time()`: the ticks since `run` started.
    pub fn now() -> u64 {
        let start = START.get().expect("aio::now() outside aio::run");
        (Instant::now() - start).as_millis() as u64
    }
}
// ANCHOR_END: aio

// The chapter's pretend world (`src/world.rs`), the same file over this
// `aio`: a program's `use crate::fetch` finds it here, because the crates
// that include this module import it at their root.
include!("../../src/world.rs");

// ANCHOR: programs
// The programs, unchanged: only what `aio` means has changed.
pub mod sequential_downloads {
    use super::aio;
    include!("../../src/demos/sequential_downloads.rs");
}

pub mod bot_week {
    use super::aio;
    include!("../../src/demos/bot_week.rs");
}
// ANCHOR_END: programs
