//! tasks.md: `gather` waits for several tasks and returns their results in
//! the order they were given, whatever order they finished in.
use super::create_task::worker;
use trace::Trace;

// ANCHOR: main
pub fn main(t: &Trace) {
    genloop::run(t, |cx| async move {
        let a = cx.spawn("A", |cx| worker(cx, 2)).await;
        let b = cx.spawn("B", |cx| worker(cx, 1)).await;
        let results = cx.gather(&[a, b]).await;
        cx.say(format!("gathered {results:?}"));
    });
}
// ANCHOR_END: main
