//! Exercise `hello` (implement). Page: "A function that yields" (generators.md).
//!
//! `hello(name)` is a generator that yields `[0] Hello, NAME` up to
//! `[4] Hello, NAME`, one greeting each time it is resumed.
//!
//! You may use: `co.yield_(…).await`, a `for` loop over a range, `format!`.
use genawaiter::rc::Gen;

/// Yields `[0] Hello, NAME` … `[4] Hello, NAME`, one a resume.
pub fn hello(name: &str) -> impl Iterator<Item = String> {
    let name = name.to_string();
    Gen::new(|co| async move {
        for i in 0..5 {
            co.yield_(format!("[{i}] Hello, {name}")).await;
        }
    })
    .into_iter()
}
