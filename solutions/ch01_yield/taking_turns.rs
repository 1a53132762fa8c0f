//! Exercise `taking_turns` (predict). Page: "Who runs when" (interleaving.md).
//!
//! Two generators, one loop. `PREDICTION` holds the lines `program` says,
//! in order. On the third turn `letters` yields `c`, then `numbers` is
//! finished, so `zip` stops: `c` is dropped and `letters` never finishes.
//!
//! You may use: the page's rule for `next`, and what `zip` does; write only
//! `PREDICTION`.
use genawaiter::rc::Gen;
use trace::Trace;

fn letters(t: &Trace) -> impl Iterator<Item = char> {
    Gen::new(|co| async move {
        for c in ['a', 'b', 'c'] {
            t.say(format!("letters: yield {c}"));
            co.yield_(c).await;
        }
        t.say("letters: finished");
    })
    .into_iter()
}

fn numbers(t: &Trace) -> impl Iterator<Item = u32> {
    Gen::new(|co| async move {
        for n in 1..=2 {
            t.say(format!("numbers: yield {n}"));
            co.yield_(n).await;
        }
        t.say("numbers: finished");
    })
    .into_iter()
}

pub fn program(t: &Trace) {
    // `zip` pairs them up: each turn it asks `letters`, then `numbers`.
    for (c, n) in letters(t).zip(numbers(t)) {
        t.say(format!("loop: got {c}{n}"));
    }
    t.say("main: done");
}

pub const PREDICTION: &[&str] = &[
    "letters: yield a",
    "numbers: yield 1",
    "loop: got a1",
    "letters: yield b",
    "numbers: yield 2",
    "loop: got b2",
    "letters: yield c",
    "numbers: finished",
    "main: done",
];
