//! priming.md: the value passed to the first `resume_with` goes nowhere,
//! because the body has not reached a `yield` that could receive it.
use trace::Trace;

use genawaiter::GeneratorState::Yielded;
use genawaiter::rc::{Co, Gen};
use std::future::Future;

// ANCHOR: echo
fn echo(t: &Trace) -> Gen<String, Option<&'static str>, impl Future<Output = ()>> {
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
    // No priming: the first value sent is "hi".
    for word in ["hi", "bye"] {
        t.say(format!("main: sending {word}"));
        if let Yielded(reply) = g.resume_with(Some(word)) {
            t.say(format!("main: got {reply}"));
        }
    }
}
// ANCHOR_END: main
