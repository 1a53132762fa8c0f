//! Exercise `interleaving` (predict). Page: "Who runs when" (interleaving.md).
//!
//! `PREDICTION` holds the lines `program` says, in order, one string a
//! line. The `for` loop does not start the generator again: it resumes it
//! where `next` left it, just after `yield 0`.
//!
//! You may use: the page's rule for what each `next` runs; write only
//! `PREDICTION`.
use genawaiter::rc::Gen;
use trace::Trace;

fn numbers(t: &Trace) -> impl Iterator<Item = u32> {
    Gen::new(|co| async move {
        t.say("gen: started");
        for i in 0..3 {
            t.say(format!("gen: before yield {i}"));
            co.yield_(i).await;
            t.say(format!("gen: after yield {i}"));
        }
        t.say("gen: finished");
    })
    .into_iter()
}

pub fn program(t: &Trace) {
    let mut numbers = numbers(t);
    let first = numbers.next();
    t.say(format!("main: next gave {first:?}"));
    for i in numbers {
        t.say(format!("loop: got {i}"));
    }
    t.say("main: done");
}

pub const PREDICTION: &[&str] = &[
    "gen: started",
    "gen: before yield 0",
    "main: next gave Some(0)",
    "gen: after yield 0",
    "gen: before yield 1",
    "loop: got 1",
    "gen: after yield 1",
    "gen: before yield 2",
    "loop: got 2",
    "gen: after yield 2",
    "gen: finished",
    "main: done",
];
