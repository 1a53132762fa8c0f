//! Exercise `create_task_order` (predict). Page: "Starting tasks" (tasks.md).
//!
//! Read `program` without running it and write in `PREDICTION` the lines it
//! says, in order, one string a line, each as the trace shows it: time,
//! `[task]`, text (`"0 [main] hello"`; extra spaces do not matter).
//! Leave the program as it is: the test checks that it still says what it
//! said when the exercise was written.
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

pub const PREDICTION: &[&str] = &[];
