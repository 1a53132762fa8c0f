//! genloop.md: tasks that await the same task are woken when it finishes,
//! in the order they started waiting.
use genloop::{Cx, Task};
use trace::Trace;

// ANCHOR: tasks
/// Works two ticks and returns 42.
pub async fn worker(cx: Cx) -> u32 {
    cx.say("works");
    cx.sleep(2).await;
    cx.say("done");
    42
}

/// Sleeps, then waits for `a`'s result.
pub async fn waiter(cx: Cx, a: Task<u32>, ticks: u64) {
    cx.sleep(ticks).await;
    cx.say("waits for A");
    let result = cx.join(&a).await;
    cx.say(format!("A gave {result}"));
}
// ANCHOR_END: tasks

// ANCHOR: main
pub fn main(t: &Trace) {
    genloop::run(t, |cx| async move {
        let a = cx.spawn("A", worker).await;
        let for_b = a.clone();
        let b = cx.spawn("B", |cx| waiter(cx, for_b, 1)).await;
        let c = cx.spawn("C", |cx| waiter(cx, a, 0)).await;
        cx.join(&b).await;
        cx.join(&c).await;
    });
}
// ANCHOR_END: main
