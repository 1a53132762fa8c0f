//! Exercise `forgot_await` (fix). Page: "Delegation: yield from" (delegation.md).
//!
//! `launch(t)` should say `launch: ignition`, then count down from 3,
//! handing out 3, 2 and 1 and saying `countdown: N` before each, then say
//! `launch: liftoff`. The countdown never happens. Find out why and repair
//! it.
//!
//! You may use: `.await`.
use genawaiter::rc::{Co, Gen};
use trace::Trace;

async fn countdown(t: &Trace, co: &Co<u32>, from: u32) {
    for n in (1..=from).rev() {
        t.say(format!("countdown: {n}"));
        co.yield_(n).await;
    }
}

pub fn launch(t: &Trace) -> impl Iterator<Item = u32> {
    Gen::new(|co| async move {
        t.say("launch: ignition");
        countdown(t, &co, 3);
        t.say("launch: liftoff");
    })
    .into_iter()
}
