//! Exercise `handoff_order` (predict). Page: "Pipelines" (pipelines.md).
//!
//! `PREDICTION` holds the lines `program` says, in order, one string a
//! line. Sending a value into a stage runs it, and every stage after it,
//! before `resume_with` returns; and each stage is primed when it is made.
//!
//! You may use: what the page says about priming and about a send going
//! down the pipeline and back; write only `PREDICTION`.
use crate::{Coroutine, coroutine};
use trace::Trace;

fn relay<'a>(
    t: &'a Trace,
    name: &'static str,
    mut target: Coroutine<'a, i32>,
) -> Coroutine<'a, i32> {
    coroutine(move |co| async move {
        loop {
            let n = co.yield_(()).await;
            t.say(format!("{name}: got {n}"));
            target.resume_with(n + 1);
            t.say(format!("{name}: passed {}", n + 1));
        }
    })
}

fn sink(t: &Trace) -> Coroutine<'_, i32> {
    coroutine(move |co| async move {
        t.say("sink: ready");
        loop {
            let n = co.yield_(()).await;
            t.say(format!("sink: got {n}"));
        }
    })
}

pub fn program(t: &Trace) {
    let mut head = relay(t, "first", relay(t, "second", sink(t)));
    t.say("main: built");
    for n in [1, 10] {
        t.say(format!("main: sending {n}"));
        head.resume_with(n);
    }
    t.say("main: done");
}

pub const PREDICTION: &[&str] = &[
    "sink: ready",
    "main: built",
    "main: sending 1",
    "first: got 1",
    "second: got 2",
    "sink: got 3",
    "second: passed 3",
    "first: passed 2",
    "main: sending 10",
    "first: got 10",
    "second: got 11",
    "sink: got 12",
    "second: passed 12",
    "first: passed 11",
    "main: done",
];
