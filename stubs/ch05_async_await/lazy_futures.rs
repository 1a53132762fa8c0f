//! Exercise `lazy_futures` (predict). Page: "async fn: the state machine written for you" (async-fn.md).
//!
//! Read `program` without running it and write in `PREDICTION` the lines it
//! says, in order, one string a line, each as the trace shows it: time,
//! `[task]`, text (`"0 [main] hello"`; extra spaces do not matter).
//! Leave the program as it is: the test checks that it still says what it
//! said when the exercise was written.
//!
//! You may use: what the page says about calling an `async fn`, awaiting
//! its future and dropping it; write only `PREDICTION`.
use trace::Trace;

async fn greet(name: &str) -> usize {
    aio::say(format!("hello, {name}"));
    name.len()
}

pub fn program(t: &Trace) {
    aio::run(t, async {
        aio::say("making two futures");
        let ann = greet("Ann");
        let bob = greet("Bob");
        aio::say("awaiting Bob");
        let letters = bob.await;
        aio::say(format!("Bob has {letters} letters"));
        drop(ann);
        aio::say("dropped Ann");
    });
}

pub const PREDICTION: &[&str] = &[];
