//! Exercise `lazy_futures` (predict). Page: "async fn: the state machine written for you" (async-fn.md).
//!
//! `PREDICTION` holds the lines `program` says, in order, one string a
//! line, each as the trace shows it: time, `[task]`, text
//! (`"0 [main] hello"`; extra spaces do not matter). Calling an `async fn`
//! runs none of its body: it only makes a future. The body runs when the
//! future is awaited, and never if it is dropped first.
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

pub const PREDICTION: &[&str] = &[
    "0 [main] making two futures",
    "0 [main] awaiting Bob",
    "0 [main] hello, Bob",
    "0 [main] Bob has 3 letters",
    "0 [main] dropped Ann",
];
