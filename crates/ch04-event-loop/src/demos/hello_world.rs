//! clock.md: the smallest asyncio program. main says a line, sleeps one
//! tick, says another.
use trace::Trace;

// ANCHOR: main
pub fn main(t: &Trace) {
    genloop::run(t, |cx| async move {
        cx.say("Hello");
        cx.sleep(1).await;
        cx.say("World");
    });
}
// ANCHOR_END: main
