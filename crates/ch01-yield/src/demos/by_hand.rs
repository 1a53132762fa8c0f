//! iteration.md: what a `for` loop does, spelled out: `next` until `None`.

// `for_loop_by_hand` spells out what a `for` loop does, on purpose: the
// no-op `.into_iter()` (Python's `iter(g)`) and the `while let` clippy would
// turn back into a `for`.
#![allow(clippy::useless_conversion, clippy::while_let_on_iterator)]
use super::greetings::greetings;
use trace::Trace;

// ANCHOR: next
fn next_by_hand(t: &Trace) {
    let mut words = greetings();
    for _ in 0..4 {
        match words.next() {
            Some(word) => t.say(format!("next gave {word}")),
            None => t.say("next gave nothing: the generator is finished"),
        }
    }
}
// ANCHOR_END: next

// ANCHOR: for_loop
fn for_loop_by_hand(t: &Trace) {
    // What `for word in greetings() { … }` does:
    let mut words = greetings().into_iter();
    while let Some(word) = words.next() {
        t.say(format!("loop got {word}"));
    }
    t.say("loop ended");
}
// ANCHOR_END: for_loop

pub fn main(t: &Trace) {
    next_by_hand(t);
    for_loop_by_hand(t);
}
