//! asyncio-order.md: two waits awaited one after the other take the sum
//! of their times.
use genloop::Cx;
use trace::Trace;

// ANCHOR: say_after
/// Sleeps `ticks`, then says `what`.
pub async fn say_after(cx: &Cx, ticks: u64, what: &str) {
    cx.sleep(ticks).await;
    cx.say(what);
}
// ANCHOR_END: say_after

// ANCHOR: main
pub fn main(t: &Trace) {
    genloop::run(t, |cx| async move {
        cx.say("started");
        say_after(&cx, 2, "hello").await;
        say_after(&cx, 3, "world").await;
        cx.say("finished");
    });
}
// ANCHOR_END: main
