//! Exercise `cleanup_order` (predict). Page: "Closing and throwing" (closing.md).
//!
//! `PREDICTION` holds the lines `program` says, in order, one string a
//! line. An `OnDrop` says its line when it is dropped: at the end of the
//! body, or when the generator holding it is dropped; a generator never
//! resumed never made one.
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

pub const PREDICTION: &[&str] = &[
    "a: step 1",
    "main: a yielded 1",
    "b: step 1",
    "main: b yielded 1",
    "a: finished",
    "a: cleanup",
    "main: a is complete",
    "b: step 2",
    "main: b yielded 2",
    "main: dropping b and c",
    "b: cleanup",
    "main: done",
];
