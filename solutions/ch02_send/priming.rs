//! Exercise `priming` (fix). Page: "Priming" (priming.md).
//!
//! `greet_all(t, names)` says `Hello, NAME` once for every name, in order,
//! then `main: done`.
//!
//! You may use: `g.resume_with`.
use genawaiter::GeneratorState::{Complete, Yielded};
use genawaiter::rc::Gen;
use std::future::Future;
use trace::Trace;

/// Yields `Hello, world`, then greets whatever name it is sent; `None` ends it.
fn greeter() -> Gen<String, Option<&'static str>, impl Future<Output = ()>> {
    Gen::new(|co| async move {
        let mut name = "world";
        while let Some(received) = co.yield_(format!("Hello, {name}")).await {
            name = received;
        }
    })
}

pub fn greet_all(t: &Trace, names: &[&'static str]) {
    let mut g = greeter();
    // Prime: run the body to its first yield. The value passed here is
    // dropped, so pass nothing that matters.
    g.resume_with(None);
    for &name in names {
        match g.resume_with(Some(name)) {
            Yielded(greeting) => t.say(greeting),
            Complete(()) => t.say("greeter: finished early"),
        }
    }
    t.say("main: done");
}
