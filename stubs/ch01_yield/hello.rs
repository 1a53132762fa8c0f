//! Exercise `hello` (implement). Page: "A function that yields" (generators.md).
//!
//! Make `hello(name)` a generator that yields `[0] Hello, NAME` up to
//! `[4] Hello, NAME`, one greeting each time it is resumed: replace the
//! `todo!()` with a loop that calls `co.yield_(…).await`.
//!
//! You may use: `co.yield_(…).await`, a `for` loop over a range, `format!`.
use genawaiter::rc::Gen;

/// Yields `[0] Hello, NAME` … `[4] Hello, NAME`, one a resume.
pub fn hello(name: &str) -> impl Iterator<Item = String> {
    let name = name.to_string();
    Gen::new(|co| async move {
        let _ = (&co, &name); // quiets "unused" warnings: delete this line as you write yours
        todo!("yield five greetings with co.yield_(…).await")
    })
    .into_iter()
}
