//! The programs the book shows, one module each. Every module has a
//! `pub fn main(t: &Trace)`: `examples/<name>.rs` runs it and prints the
//! trace, `tests/demos.rs` checks it against `snapshots/<name>.snap`, and
//! `python/<name>.py` prints the same lines with CPython's asyncio.
//!
//! The `// ANCHOR:` comments mark the parts the book includes; keep them
//! around whole items so a page never shows half a function.

pub mod group_failure;
pub mod loopback_crawl;
pub mod queue_basics;
pub mod sequential_crawl;
