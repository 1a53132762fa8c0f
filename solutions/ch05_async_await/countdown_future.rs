//! Exercise `countdown_future` (implement). Page: "A future by hand" (futures.md).
//!
//! `Countdown::new(from)` is a future written by hand. Each poll says
//! `countdown: N` and counts down, returning `Pending` after asking to be
//! polled again; the poll after `countdown: 1` says `countdown: liftoff`
//! and is `Ready("liftoff")`. Between two polls, other tasks run.
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

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        if self.next == 0 {
            aio::say("countdown: liftoff");
            return Poll::Ready("liftoff");
        }
        aio::say(format!("countdown: {}", self.next));
        self.next -= 1;
        // Nothing else will wake us: ask to be polled again, after the
        // tasks that are ready now.
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
