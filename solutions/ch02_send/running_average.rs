//! Exercise `running_average` (implement). Page: "Coroutines that keep state" (coroutines.md).
//!
//! `averager()` yields `None` first; after that, every number it is sent
//! is added to what it has seen, and it yields `Some` of the average of all
//! the numbers so far. It never finishes.
//!
//! You may use: `let mut`, `loop`, `co.yield_(…).await`, `Some`,
//! `f64::from`.
use genawaiter::rc::Gen;
use std::future::Future;

/// Yields None, then the average of everything sent so far, after each send.
pub fn averager() -> Gen<Option<f64>, f64, impl Future<Output = ()>> {
    Gen::new(|co| async move {
        let mut total = 0.0;
        let mut count = 0u32;
        let mut average = None;
        loop {
            let value = co.yield_(average).await;
            total += value;
            count += 1;
            average = Some(total / f64::from(count));
        }
    })
}
