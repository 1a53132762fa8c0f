//! Exercise `fibonacci` (implement). Page: "Endless generators" (fibonacci.md).
//!
//! `fibonacci()` is a generator that yields the Fibonacci numbers 0, 1, 1,
//! 2, 3, 5, 8, … and never finishes: whoever loops over it decides when to
//! stop.
//!
//! You may use: `let mut`, `loop`, `co.yield_(…).await`, assignment to a
//! pair.
use genawaiter::rc::Gen;

pub fn fibonacci() -> impl Iterator<Item = u64> {
    Gen::new(|co| async move {
        let (mut a, mut b) = (0u64, 1u64);
        loop {
            co.yield_(a).await;
            (a, b) = (b, a + b);
        }
    })
    .into_iter()
}
