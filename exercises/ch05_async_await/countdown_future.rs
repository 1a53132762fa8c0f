//! Exercise `countdown_future` (implement). Page: "A future by hand" (futures.md).
//!
//! Write `poll` for `Countdown`, a future by hand. Each poll says one line
//! with `aio::say`, which adds it to the trace under the running task's
//! name. While `next` is above 0, a poll says `countdown: N`, N being
//! `next` (3, then 2, then 1 for `Countdown::new(3)`), counts down, and
//! returns `Pending` after asking to be polled again; the poll after
//! `countdown: 1` says `countdown: liftoff` and is `Ready("liftoff")`.
//! Between two polls, other tasks run.
//!
//! You may use: `mut self` in the signature, `self.next`, `aio::say`,
//! `format!`, `cx.waker().wake_by_ref()`, `Poll::Pending`, `Poll::Ready`.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

pub struct Countdown {
    next: u32,
}

impl Countdown {
    pub fn new(from: u32) -> Countdown {
        Countdown { next: from }
    }
}

impl Future for Countdown {
    type Output = &'static str;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        let _ = (&self.next, &cx); // quiets "unused" warnings: delete this line as you write yours
        todo!(
            "if next is 0: say liftoff, Ready; else say `countdown: N`, count down, wake the waker, Pending"
        )
    }
}
