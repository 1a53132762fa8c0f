//! asyncio-order.md: when main returns, the loop stops; a task nobody
//! awaited does not get to finish.
use super::join_vs_gather::{quick, ticker};
use trace::Trace;

// ANCHOR: main
pub fn main(t: &Trace) {
    genloop::run(t, |cx| async move {
        let a = cx.spawn("A", quick).await;
        cx.spawn("T", |cx| ticker(cx, 5)).await;
        cx.join(&a).await;
        cx.say("returns");
    });
}
// ANCHOR_END: main
