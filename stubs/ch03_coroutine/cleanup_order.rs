//! Exercise `cleanup_order` (predict). Page: "Closing and throwing" (closing.md).
//!
//! Read `program` without running it and write in `PREDICTION` the lines it
//! says, in order, one string a line. Leave the program as it is: the test
//! checks that it still says what it said when the exercise was written.
//!
//! You may use: what the page says about `OnDrop` and about dropping a
//! paused generator; write only `PREDICTION`.
use crate::OnDrop;
use genawaiter::GeneratorState::{Complete, Yielded};
use genawaiter::rc::Gen;
use std::future::Future;
use trace::Trace;

fn worker<'a>(
    t: &'a Trace,
    name: &'static str,
    steps: u32,
) -> Gen<u32, (), impl Future<Output = ()> + 'a> {
    Gen::new(move |co| async move {
        let _cleanup = OnDrop::new(t, format!("{name}: cleanup"));
        for step in 1..=steps {
            t.say(format!("{name}: step {step}"));
            co.yield_(step).await;
        }
        t.say(format!("{name}: finished"));
    })
}

pub fn program(t: &Trace) {
    let mut a = worker(t, "a", 1);
    let mut b = worker(t, "b", 3);
    let c = worker(t, "c", 1);
    for _round in 0..2 {
        for (name, g) in [("a", &mut a), ("b", &mut b)] {
            match g.resume() {
                Yielded(step) => t.say(format!("main: {name} yielded {step}")),
                Complete(()) => t.say(format!("main: {name} is complete")),
            }
        }
    }
    t.say("main: dropping b and c");
    drop(b);
    drop(c);
    t.say("main: done");
}

pub const PREDICTION: &[&str] = &[];
