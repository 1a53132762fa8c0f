//! Exercise `who_sends_when` (predict). Page: "send: values in both directions" (send.md).
//!
//! Read `program` without running it and write in `PREDICTION` the lines it
//! says, in order, one string a line. Leave the program as it is: the test
//! checks that it still says what it said when the exercise was written.
//!
//! You may use: the page's rules for `resume_with`; write only
//! `PREDICTION`.
use genawaiter::GeneratorState::{Complete, Yielded};
use genawaiter::rc::Gen;
use std::future::Future;
use trace::Trace;

fn doubler(t: &Trace) -> Gen<i32, i32, impl Future<Output = ()>> {
    Gen::new(|co| async move {
        t.say("doubler: started");
        let mut n = co.yield_(0).await;
        loop {
            t.say(format!("doubler: got {n}"));
            n = co.yield_(n * 2).await;
        }
    })
}

pub fn program(t: &Trace) {
    let mut g = doubler(t);
    t.say("main: made the doubler");
    for n in [5, 7, 10] {
        t.say(format!("main: sending {n}"));
        match g.resume_with(n) {
            Yielded(out) => t.say(format!("main: got {out}")),
            Complete(()) => t.say("main: finished"),
        }
    }
}

pub const PREDICTION: &[&str] = &[];
