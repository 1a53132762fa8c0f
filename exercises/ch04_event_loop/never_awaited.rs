//! Exercise `never_awaited` (fix). Page: "In asyncio's order" (asyncio-order.md).
//!
//! `program(t)` should start a task that saves the work, do the work, and
//! exit only once the work is saved: `saved` before `exiting`. The work is
//! never saved. Find out why and repair it.
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
        cx.say("exiting");
    });
}
