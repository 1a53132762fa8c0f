//! Exercise `count_to_ten` (implement). Page: "The whole loop" (genloop.md).
//!
//! `program(t)` runs three tasks, `A`, `B` and `C`, that each count from 1
//! to 10 at the same time, one number a tick, then say `done`; `main`
//! waits for all three and says `all counted`.
//!
//! You may use: a `for` loop, `cx.say`, `cx.sleep`, `cx.spawn`, `Vec::push`,
//! `cx.gather`.
use genloop::Cx;
use trace::Trace;

/// Says 1, 2, …, `to`, sleeping one tick after each number, then `done`.
async fn count(cx: Cx, to: u32) {
    for n in 1..=to {
        cx.say(n);
        cx.sleep(1).await;
    }
    cx.say("done");
}

pub fn program(t: &Trace) {
    genloop::run(t, |cx| async move {
        let mut counters = Vec::new();
        for name in ["A", "B", "C"] {
            counters.push(cx.spawn(name, |cx| count(cx, 10)).await);
        }
        cx.gather(&counters).await;
        cx.say("all counted");
    });
}
