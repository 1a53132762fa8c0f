//! The programs the book shows, one module each. Every module has a
//! `pub fn main(t: &Trace)`: `examples/<name>.rs` runs it and prints the
//! trace, `tests/demos.rs` checks it against `snapshots/<name>.snap`, and
//! `python/<name>.py`, when there is one, prints the same lines.
//!
//! The `// ANCHOR:` comments mark the parts the book includes; keep them
//! around whole items so a page never shows half a function.

pub mod dropped;
pub mod echo;
pub mod total;
