//! Exercise `fibonacci` (implement). Page: "Endless generators" (fibonacci.md).
//!
//! Make `fibonacci()` a generator that yields the Fibonacci numbers 0, 1, 1,
//! 2, 3, 5, 8, … and never finishes: whoever loops over it decides when to
//! stop.
//!
//! You may use: `let mut`, `loop`, `co.yield_(…).await`, assignment to a
//! pair.
use genawaiter::rc::Gen;

pub fn fibonacci() -> impl Iterator<Item = u64> {
    Gen::new(|co| async move {
        let _ = &co; // quiets the "unused" warning until you use it
        todo!("keep two numbers a and b; forever: yield a, then move both one step along")
    })
    .into_iter()
}
