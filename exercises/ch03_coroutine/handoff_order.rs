//! Exercise `handoff_order` (predict). Page: "Pipelines" (pipelines.md).
//!
//! Read `program` without running it and write in `PREDICTION` the lines it
//! says, in order, one string a line. Leave the program as it is: the test
//! checks that it still says what it said when the exercise was written.
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

pub const PREDICTION: &[&str] = &[];
