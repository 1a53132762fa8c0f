//! Exercise `forgot_to_stop` (fix). Page: "Return values, and driving by hand" (return-values.md).
//!
//! `fill(t, items)` sends items to a basket that holds three. It says how
//! many are in the basket after each, then what the full basket holds,
//! then `main: done`; the items that do not fit are never sent.
//!
//! You may use: `break`.
use genawaiter::GeneratorState::{Complete, Yielded};
use genawaiter::rc::Gen;
use std::future::Future;
use trace::Trace;

/// Takes items until it holds three, then returns them.
fn basket() -> Gen<usize, &'static str, impl Future<Output = Vec<&'static str>>> {
    Gen::new(|co| async move {
        let mut items = Vec::new();
        while items.len() < 3 {
            let item = co.yield_(items.len()).await;
            items.push(item);
        }
        items
    })
}

pub fn fill(t: &Trace, items: &[&'static str]) {
    let mut b = basket();
    b.resume_with(""); // prime: this first value is dropped
    for &item in items {
        match b.resume_with(item) {
            Yielded(n) => t.say(format!("main: {n} in the basket")),
            Complete(full) => {
                t.say(format!("main: basket full: {full:?}"));
                // A finished coroutine must not be resumed again.
                break;
            }
        }
    }
    t.say("main: done");
}
