//! Exercise `create_task_order` (predict). Page: "Starting tasks" (tasks.md).
//!
//! `PREDICTION` holds the lines `program` says, in order, one string a
//! line, each as the trace shows it: time, `[task]`, text
//! (`"0 [main] hello"`; extra spaces do not matter). A task created
//! with `spawn` first runs when the task that created it gives way;
//! awaiting a task that has already finished does not give way.
//!
//! You may use: what the page says `cx.spawn` and `cx.join` do; write only
//! `PREDICTION`.
use genloop::Cx;
use trace::Trace;

async fn job(cx: Cx, ticks: u64) -> u64 {
    cx.say("begins");
    cx.sleep(ticks).await;
    cx.say("finishes");
    ticks
}

pub fn program(t: &Trace) {
    genloop::run(t, |cx| async move {
        cx.say("creating");
        let a = cx.spawn("A", |cx| job(cx, 3)).await;
        let b = cx.spawn("B", |cx| job(cx, 1)).await;
        cx.say("created A and B");
        let from_b = cx.join(&b).await;
        cx.say(format!("B returned {from_b}"));
        let c = cx.spawn("C", |cx| job(cx, 1)).await;
        let from_a = cx.join(&a).await;
        cx.say(format!("A returned {from_a}"));
        let from_c = cx.join(&c).await;
        cx.say(format!("C returned {from_c}"));
    });
}

pub const PREDICTION: &[&str] = &[
    "0 [main] creating",
    "0 [main] created A and B",
    "0 [A] begins",
    "0 [B] begins",
    "1 [B] finishes",
    "1 [main] B returned 1",
    "1 [C] begins",
    "2 [C] finishes",
    "3 [A] finishes",
    "3 [main] A returned 3",
    "3 [main] C returned 1",
];
