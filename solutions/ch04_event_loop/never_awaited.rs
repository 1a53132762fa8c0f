//! Exercise `never_awaited` (fix). Page: "In asyncio's order" (asyncio-order.md).
//!
//! `program(t)` starts a task that saves the work, does the work, and
//! exits only once the work is saved: `saved` comes before `exiting`.
//!
//! You may use: `cx.join`.
use trace::Trace;

pub fn program(t: &Trace) {
    genloop::run(t, |cx| async move {
        let saver = cx
            .spawn("saver", |cx| async move {
                cx.say("saving");
                cx.sleep(1).await;
                cx.say("saved");
            })
            .await;
        cx.say("work done");
        cx.join(&saver).await;
        cx.say("exiting");
    });
}
