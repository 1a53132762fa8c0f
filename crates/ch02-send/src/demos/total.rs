//! return-values.md: a coroutine that hands back a final value when it
//! finishes: Python's `StopIteration.value`, genawaiter's `Complete(value)`.
use trace::Trace;

// ANCHOR: total
use genawaiter::GeneratorState::{Complete, Yielded};
use genawaiter::rc::Gen;
use std::future::Future;

fn total() -> Gen<(), Option<i64>, impl Future<Output = i64>> {
    Gen::new(|co| async move {
        let mut sum = 0;
        while let Some(n) = co.yield_(()).await {
            sum += n;
        }
        sum
    })
}
// ANCHOR_END: total

// ANCHOR: main
pub fn main(t: &Trace) {
    let mut g = total();
    g.resume_with(None); // prime: runs to the first yield
    for n in [3, 4, 5] {
        g.resume_with(Some(n));
        t.say(format!("main: sent {n}"));
    }
    match g.resume_with(None) {
        Yielded(()) => t.say("main: still running?"),
        Complete(sum) => t.say(format!("main: total is {sum}")),
    }
}
// ANCHOR_END: main
