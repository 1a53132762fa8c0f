//! Exercise `who_sends_when` (predict). Page: "send: values in both directions" (send.md).
//!
//! `PREDICTION` holds the lines `program` says, in order, one string a
//! line. Each `resume_with` runs the body from where it paused to its next
//! yield; the first one's value is dropped, the later ones' become what
//! `co.yield_(…).await` evaluates to.
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

pub const PREDICTION: &[&str] = &[
    "main: made the doubler",
    "main: sending 5",
    "doubler: started",
    "main: got 0",
    "main: sending 7",
    "doubler: got 7",
    "main: got 14",
    "main: sending 10",
    "doubler: got 10",
    "main: got 20",
];
