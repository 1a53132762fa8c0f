//! functions.md: a function that returns inside its loop gives one value,
//! and a second call starts again from the top.

// The loop that never loops is the point of the demo.
#![allow(clippy::never_loop)]
use trace::Trace;

// ANCHOR: hello
fn hello(name: &str) -> String {
    for i in 0..5 {
        return format!("[{i}] Hello, {name}");
    }
    // Rust wants a value for the case the loop never runs; it always does.
    unreachable!()
}
// ANCHOR_END: hello

// ANCHOR: main
pub fn main(t: &Trace) {
    t.say(hello("Reuven"));
    t.say(hello("Reuven"));
}
// ANCHOR_END: main
