//! Exercise `sequential_awaits` (fix). Page: "In asyncio's order" (asyncio-order.md).
//!
//! `program(t)` should fetch two pages at once, each fetch running as its
//! own task named after its page, and be done at time 3, when the slower
//! page arrives. It takes until time 5. Find out why and repair it.
//!
//! You may use: `cx.spawn` with an `async move` block, `cx.join`.
use genloop::Cx;
use trace::Trace;

async fn fetch(cx: &Cx, page: &str, ticks: u64) {
    cx.say(format!("requested {page}"));
    cx.sleep(ticks).await;
    cx.say(format!("received {page}"));
}

pub fn program(t: &Trace) {
    genloop::run(t, |cx| async move {
        cx.say("fetching");
        fetch(&cx, "page1", 3).await;
        fetch(&cx, "page2", 2).await;
        cx.say("both fetched");
    });
}
