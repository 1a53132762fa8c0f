//! Exercise `gen_range` (implement). Page: "The for loop and the iteration
//! protocol" (iteration.md).
//!
//! Write Python's `range(start, stop, step)` as a generator: yield `start`,
//! `start + step`, … for as long as the number is before `stop` (below it
//! when `step` is positive, above it when `step` is negative).
//!
//! You may use: `let mut`, a `while` loop, `co.yield_(…).await`, `+=`.
use genawaiter::rc::Gen;

pub fn gen_range(start: i64, stop: i64, step: i64) -> impl Iterator<Item = i64> {
    // A step of 0 would yield `start` forever; Python refuses it too.
    assert!(step != 0, "gen_range: step must not be zero");
    Gen::new(|co| async move {
        let _ = (&co, start, stop); // quiets "unused" warnings: delete this line as you write yours
        todo!("yield start, start + step, … while the number has not reached stop")
    })
    .into_iter()
}
