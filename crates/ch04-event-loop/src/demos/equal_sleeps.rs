//! genloop.md: timers due at the same time fire in the order they were set,
//! and `sleep(0)` sends a task to the back of the queue.
use genloop::Cx;
use trace::Trace;

// ANCHOR: sleeper
/// Sleeps one tick, maybe giving way first.
pub async fn sleeper(cx: Cx, give_way_first: bool) {
    if give_way_first {
        cx.sleep(0).await;
    }
    cx.say("sleeps 1");
    cx.sleep(1).await;
    cx.say("wakes");
}
// ANCHOR_END: sleeper

// ANCHOR: main
pub fn main(t: &Trace) {
    genloop::run(t, |cx| async move {
        let a = cx.spawn("A", |cx| sleeper(cx, true)).await;
        let b = cx.spawn("B", |cx| sleeper(cx, false)).await;
        let c = cx.spawn("C", |cx| sleeper(cx, false)).await;
        cx.gather(&[a, b, c]).await;
    });
}
// ANCHOR_END: main
