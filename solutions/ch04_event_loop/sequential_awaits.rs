//! Exercise `sequential_awaits` (fix). Page: "In asyncio's order" (asyncio-order.md).
//!
//! `program(t)` fetches two pages. Each fetch runs as its own task, named
//! after its page, so both are in flight at once: the program is done at
//! time 3, when the slower page arrives.
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
        let first = cx
            .spawn("page1", |cx| async move { fetch(&cx, "page1", 3).await })
            .await;
        let second = cx
            .spawn("page2", |cx| async move { fetch(&cx, "page2", 2).await })
            .await;
        cx.join(&first).await;
        cx.join(&second).await;
        cx.say("both fetched");
    });
}
