//! Exercise `return_in_loop` (fix). Page: "A function that yields" (generators.md).
//!
//! `greet_all(names)` gives a `for` loop one greeting for each name:
//! `Hello, Ann`, then `Hello, Bob`, and so on.
//!
//! You may use: `Gen::new` with an `async move` block,
//! `co.yield_(…).await`, `format!`.
use genawaiter::rc::Gen;

/// One greeting a name, `Hello, NAME`, in the order of `names`.
///
/// `impl IntoIterator` means "something a `for` loop can walk". A
/// genawaiter `Gen` is such a thing.
pub fn greet_all(names: &[&str]) -> impl IntoIterator<Item = String> {
    // `return` hands back one value and ends the function; `yield` hands
    // back one value and pauses it, so the loop goes on at the next resume.
    Gen::new(|co| async move {
        for name in names {
            co.yield_(format!("Hello, {name}")).await;
        }
    })
}
