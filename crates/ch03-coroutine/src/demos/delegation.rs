//! delegation.md: Python's `yield from` is an `.await` on an async fn that
//! takes the same `Co`. The sub-coroutine's yields come out of the outer
//! generator as if it had yielded them itself.
use trace::Trace;

// ANCHOR: delegation
use genawaiter::rc::{Co, Gen};

async fn countdown(t: &Trace, co: &Co<u32>, from: u32) -> &'static str {
    t.say(format!("countdown: from {from}"));
    for n in (1..=from).rev() {
        co.yield_(n).await;
    }
    "liftoff"
}

pub fn launch(t: &Trace) -> impl Iterator<Item = u32> {
    Gen::new(|co| async move {
        t.say("launch: before the countdown");
        let result = countdown(t, &co, 3).await;
        t.say(format!("launch: countdown returned {result}"));
        co.yield_(0).await;
    })
    .into_iter()
}
// ANCHOR_END: delegation

// ANCHOR: main
pub fn main(t: &Trace) {
    for n in launch(t) {
        t.say(format!("main: got {n}"));
    }
}
// ANCHOR_END: main
