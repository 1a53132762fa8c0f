//! pipelines.md: a source pushes numbers through filter → transform → sink.
//! Each stage is a coroutine that is sent values and sends values on.
use crate::{Coroutine, coroutine};
use trace::Trace;

// ANCHOR: stages
/// A filter: passes even numbers on to `target`, drops the others.
pub fn evens<'a>(t: &'a Trace, mut target: Coroutine<'a, i64>) -> Coroutine<'a, i64> {
    coroutine(move |co| async move {
        loop {
            let n = co.yield_(()).await;
            if n % 2 == 0 {
                t.say(format!("evens: passing {n}"));
                target.resume_with(n);
            } else {
                t.say(format!("evens: dropping {n}"));
            }
        }
    })
}

/// A transform: sends the square of every number on to `target`.
pub fn square<'a>(t: &'a Trace, mut target: Coroutine<'a, i64>) -> Coroutine<'a, i64> {
    coroutine(move |co| async move {
        loop {
            let n = co.yield_(()).await;
            t.say(format!("square: {n} -> {}", n * n));
            target.resume_with(n * n);
        }
    })
}

/// A sink: the end of the line.
pub fn printer(t: &Trace) -> Coroutine<'_, i64> {
    coroutine(move |co| async move {
        loop {
            let n = co.yield_(()).await;
            t.say(format!("printer: {n}"));
        }
    })
}
// ANCHOR_END: stages

// ANCHOR: main
pub fn main(t: &Trace) {
    let mut pipeline = evens(t, square(t, printer(t)));
    for n in 1..=4 {
        t.say(format!("source: sending {n}"));
        pipeline.resume_with(n);
    }
    t.say("source: done");
}
// ANCHOR_END: main
