//! send.md: the first two-way generator. It yields, and the value the
//! caller sends back is what its `co.yield_(…).await` evaluates to.
use trace::Trace;

// ANCHOR: echo
use genawaiter::GeneratorState::{Complete, Yielded};
use genawaiter::rc::{Co, Gen};
use std::future::Future;

pub fn echo(t: &Trace) -> Gen<String, Option<&'static str>, impl Future<Output = ()>> {
    Gen::new(|co: Co<String, Option<&str>>| async move {
        t.say("echo: started");
        let mut received = co.yield_("ready".to_string()).await;
        while let Some(word) = received {
            t.say(format!("echo: received {word}"));
            received = co.yield_(word.to_uppercase()).await;
        }
        t.say("echo: finished");
    })
}
// ANCHOR_END: echo

// ANCHOR: main
pub fn main(t: &Trace) {
    let mut g = echo(t);
    // Python's next(g): run the body up to its first yield.
    if let Yielded(first) = g.resume_with(None) {
        t.say(format!("main: next gave {first}"));
    }
    for word in ["hi", "bye"] {
        if let Yielded(reply) = g.resume_with(Some(word)) {
            t.say(format!("main: send gave {reply}"));
        }
    }
    if let Complete(()) = g.resume_with(None) {
        t.say("main: the generator finished");
    }
}
// ANCHOR_END: main
