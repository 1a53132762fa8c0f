//! Exercise `wake_order` (predict). Page: "A loop with a clock" (clock.md).
//!
//! Read `program` without running it and write in `PREDICTION` the lines it
//! says, in order, one string a line, each as the trace shows it: time,
//! `[task]`, text (`"0 [main] hello"`; extra spaces do not matter).
//! Leave the program as it is: the test checks that it still says what it
//! said when the exercise was written.
//!
//! You may use: the page's three rules, and what it says `cx.spawn`,
//! `cx.join`, `cx.sleep` and `cx.say` do; write only `PREDICTION`.
use genloop::Cx;
use trace::Trace;

async fn early_bird(cx: Cx) {
    cx.sleep(2).await;
    cx.say("woke");
    cx.sleep(0).await;
    cx.say("again");
}

async fn dawdler(cx: Cx) {
    cx.say("first");
    cx.sleep(0).await;
    cx.say("second");
    cx.sleep(2).await;
    cx.say("woke");
}

pub fn program(t: &Trace) {
    genloop::run(t, |cx| async move {
        let a = cx.spawn("A", early_bird).await;
        let b = cx.spawn("B", dawdler).await;
        cx.say("spawned both");
        cx.sleep(2).await;
        cx.say("woke");
        cx.join(&a).await;
        cx.join(&b).await;
        cx.say("done");
    });
}

pub const PREDICTION: &[&str] = &[];
