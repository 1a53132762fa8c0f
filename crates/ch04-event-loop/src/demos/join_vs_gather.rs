//! asyncio-order.md: a task that gathers wakes one turn later than one
//! that awaits, because gather has a callback of its own in between.
use genloop::Cx;
use trace::Trace;

// ANCHOR: tasks
/// A turn counter: `tick 0`, `tick 1`, …
pub async fn ticker(cx: Cx, ticks: u32) {
    for i in 0..ticks {
        cx.say(format!("tick {i}"));
        cx.sleep(0).await;
    }
}

/// Says one line; never gives way.
pub async fn quick(cx: Cx) {
    cx.say("done");
}
// ANCHOR_END: tasks

// ANCHOR: main
pub fn main(t: &Trace) {
    genloop::run(t, |cx| async move {
        cx.spawn("T", |cx| ticker(cx, 6)).await;
        let a = cx.spawn("A", quick).await;
        cx.join(&a).await;
        cx.say("awaited A");
        let b = cx.spawn("B", quick).await;
        cx.gather(&[b]).await;
        cx.say("gathered B");
    });
}
// ANCHOR_END: main
