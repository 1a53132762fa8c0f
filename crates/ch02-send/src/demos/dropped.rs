//! priming.md: the value passed to the first `resume_with` goes nowhere,
//! because the body has not reached a `yield` that could receive it.
use trace::Trace;

use super::echo::echo;
use genawaiter::GeneratorState::Yielded;

// The generator is `echo` from echo.rs; only the driver differs: no priming.

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
