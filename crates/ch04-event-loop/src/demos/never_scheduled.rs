//! asyncio-order.md: calling a coroutine makes it and nothing more. Not
//! awaited and not made a task, it never runs.
use super::say_after_awaited::say_after;
use trace::Trace;

// ANCHOR: main
pub fn main(t: &Trace) {
    genloop::run(t, |cx| async move {
        cx.say("calls say_after");
        // No `.await`: made, dropped, never run.
        // Rust warns; allowed here on purpose.
        #[allow(unused_must_use)]
        say_after(&cx, 1, "hello");
        cx.say("sleeps 2");
        cx.sleep(2).await;
        cx.say("finished");
    });
}
// ANCHOR_END: main
