//! Exercise `return_in_loop` (fix). Page: "A function that yields" (generators.md).
//!
//! `greet_all(names)` should give a `for` loop one greeting for each name:
//! `Hello, Ann`, then `Hello, Bob`, and so on. It gives only the first.
//! Repair it so that it gives them all, one at a time.
//!
//! You may use: `Gen::new` with an `async move` block,
//! `co.yield_(…).await`, `format!`.

/// One greeting a name, `Hello, NAME`, in the order of `names`.
///
/// `impl IntoIterator` means "something a `for` loop can walk". An `Option`
/// is such a thing: a loop over `Some(x)` runs once, over `None` not at all.
pub fn greet_all(names: &[&str]) -> impl IntoIterator<Item = String> {
    for name in names {
        return Some(format!("Hello, {name}"));
    }
    None
}
