//! asyncio-order.md: the same two waits as tasks overlap, and take as long
//! as the longer one.
use super::say_after_awaited::say_after;
use trace::Trace;

// ANCHOR: main
pub fn main(t: &Trace) {
    genloop::run(t, |cx| async move {
        let a = cx
            .spawn("A", |cx| async move { say_after(&cx, 2, "hello").await })
            .await;
        let b = cx
            .spawn("B", |cx| async move { say_after(&cx, 3, "world").await })
            .await;
        cx.say("started");
        cx.join(&a).await;
        cx.join(&b).await;
        cx.say("finished");
    });
}
// ANCHOR_END: main
