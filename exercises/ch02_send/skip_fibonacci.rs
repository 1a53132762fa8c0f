//! Exercise `skip_fibonacci` (implement). Page: "Coroutines that keep state" (coroutines.md).
//!
//! Make `fibonacci()` yield the Fibonacci numbers 0, 1, 1, 2, 3, 5, … forever.
//! Each value it is sent says how many numbers to skip before the next
//! yield: sent 0 it yields the next number, sent 3 it skips three.
//!
//! You may use: `let mut`, `loop`, `co.yield_(…).await` (it gives what is
//! sent), a `for` loop over a range.
use genawaiter::rc::Gen;
use std::future::Future;

/// Yields 0, 1, 1, 2, …; the number sent in says how many to skip.
pub fn fibonacci() -> Gen<u64, u32, impl Future<Output = ()>> {
    Gen::new(|co| async move {
        let _ = &co; // quiets "unused" warnings until you use it
        todo!("yield a Fibonacci number, then move on 1 + (the number sent back) steps")
    })
}
