//! state-machines.md: the same three greetings, once as a generator and once
//! as a hand-written `Iterator`. The enum is what the generator keeps for
//! us: where in its body it stopped.
use super::greetings::greetings;
use trace::Trace;

// The generator is `greetings` from greetings.rs, the chapter's first.

// ANCHOR: by_hand
/// Where the generator would be paused: before the first yield, after
/// the first, after the second, after the third.
enum Greetings {
    NotStarted,
    SaidHello,
    SaidBonjour,
    SaidHola,
}

impl Iterator for Greetings {
    type Item = &'static str;

    fn next(&mut self) -> Option<&'static str> {
        match self {
            Greetings::NotStarted => {
                *self = Greetings::SaidHello;
                Some("Hello")
            }
            Greetings::SaidHello => {
                *self = Greetings::SaidBonjour;
                Some("Bonjour")
            }
            Greetings::SaidBonjour => {
                *self = Greetings::SaidHola;
                Some("Hola")
            }
            Greetings::SaidHola => None,
        }
    }
}
// ANCHOR_END: by_hand

// ANCHOR: main
pub fn main(t: &Trace) {
    for word in greetings() {
        t.say(format!("generator: {word}"));
    }
    for word in Greetings::NotStarted {
        t.say(format!("by hand: {word}"));
    }
}
// ANCHOR_END: main
