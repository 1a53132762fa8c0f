//! functions.md: the usual way around "return once": build every value,
//! return them all. The caller sees none until the last is made.
use trace::Trace;

// ANCHOR: hello
fn hello(t: &Trace, name: &str) -> Vec<String> {
    let mut greetings = Vec::new();
    for i in 0..3 {
        t.say(format!("hello: making greeting {i}"));
        greetings.push(format!("[{i}] Hello, {name}"));
    }
    greetings
}
// ANCHOR_END: hello

// ANCHOR: main
pub fn main(t: &Trace) {
    for greeting in hello(t, "Reuven") {
        t.say(format!("loop: {greeting}"));
    }
}
// ANCHOR_END: main
