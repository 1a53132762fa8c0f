//! tasks.md: `create_task` starts a task, which first runs when main gives
//! way; tasks run in the order they were created.
use genloop::Cx;
use trace::Trace;

// ANCHOR: worker
/// Starts, sleeps `ticks`, ends: returns `ticks`.
pub async fn worker(cx: Cx, ticks: u64) -> u64 {
    cx.say("starts");
    cx.sleep(ticks).await;
    cx.say("ends");
    ticks
}
// ANCHOR_END: worker

// ANCHOR: main
pub fn main(t: &Trace) {
    genloop::run(t, |cx| async move {
        let a = cx.spawn("A", |cx| worker(cx, 2)).await;
        let b = cx.spawn("B", |cx| worker(cx, 1)).await;
        cx.join(&a).await;
        cx.join(&b).await;
    });
}
// ANCHOR_END: main
