//! Exercise `gather_order` (predict). Page: "In asyncio's order" (asyncio-order.md).
//!
//! Read `program` without running it and write in `PREDICTION` the lines it
//! says, in order, one string a line, each as the trace shows it: time,
//! `[task]`, text (`"0 [main] hello"`; extra spaces do not matter).
//! Leave the program as it is: the test checks that it still says what it
//! said when the exercise was written.
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

pub const PREDICTION: &[&str] = &[];
