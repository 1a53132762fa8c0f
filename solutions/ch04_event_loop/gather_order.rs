//! Exercise `gather_order` (predict). Page: "In asyncio's order" (asyncio-order.md).
//!
//! `PREDICTION` holds the lines `program` says, in order, one string a
//! line, each as the trace shows it: time, `[task]`, text
//! (`"0 [main] hello"`; extra spaces do not matter). `gather`
//! returns the results in the order of its arguments, whatever the order
//! the tasks finished in.
//!
//! You may use: what the page says `cx.spawn` and `cx.gather` do; write
//! only `PREDICTION`.
use genloop::Cx;
use trace::Trace;

async fn job(cx: Cx, ticks: u64) -> u64 {
    cx.sleep(ticks).await;
    cx.say(format!("done after {ticks}"));
    ticks * 10
}

pub fn program(t: &Trace) {
    genloop::run(t, |cx| async move {
        let slow = cx.spawn("slow", |cx| job(cx, 3)).await;
        let fast = cx.spawn("fast", |cx| job(cx, 1)).await;
        let middle = cx.spawn("middle", |cx| job(cx, 2)).await;
        cx.say("gathering");
        let results = cx.gather(&[slow, fast, middle]).await;
        cx.say(format!("results {results:?}"));
    });
}

pub const PREDICTION: &[&str] = &[
    "0 [main] gathering",
    "1 [fast] done after 1",
    "2 [middle] done after 2",
    "3 [slow] done after 3",
    "3 [main] results [30, 10, 20]",
];
