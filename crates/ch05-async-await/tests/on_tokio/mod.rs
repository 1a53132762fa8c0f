//! Three of the book's programs, compiled a second time to run on tokio's
//! current-thread runtime. Each program's file is included unchanged; in
//! here the name `aio` means `aio.rs`, the same few functions written over
//! tokio. `tests/tokio.rs` checks their traces against
//! `snapshots/<name>_tokio.snap`; `examples/on_tokio.rs` prints them.
//!
//! Time is virtual on both sides: tokio's clock starts paused, and when
//! every task waits, tokio moves it to the next timer. One tick is one
//! millisecond of that clock.

pub mod aio;

/// The chapter's `OnDrop`, saying its line through tokio's `aio::say`.
pub struct OnDrop(&'static str);

impl OnDrop {
    pub fn new(line: &'static str) -> OnDrop {
        OnDrop(line)
    }
}

impl Drop for OnDrop {
    fn drop(&mut self) {
        aio::say(self.0);
    }
}

// The programs, unchanged. `use crate::OnDrop` in timeout.rs finds the
// `OnDrop` above: the crates that include this module import it at their root.
pub mod ported {
    use super::aio;
    include!("../../src/demos/ported.rs");
}

pub mod ping_pong {
    use super::aio;
    include!("../../src/demos/ping_pong.rs");
}

pub mod timeout {
    use super::aio;
    include!("../../src/demos/timeout.rs");
}
