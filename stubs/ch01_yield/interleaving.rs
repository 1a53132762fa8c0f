//! Exercise `interleaving` (predict). Page: "Who runs when" (interleaving.md).
//!
//! Read `program` without running it and write in `PREDICTION` the lines it
//! says, in order, one string a line. Leave the program as it is: the test
//! checks that it still says what it said when the exercise was written.
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

pub const PREDICTION: &[&str] = &[];
