//! The programs the book shows, one module each. Most have a
//! `pub async fn program(t: Trace)`: `tests/demos.rs` runs it under every
//! schedule and checks its set of orders against `snapshots/<name>.snap`
//! (and `examples/two_tasks.rs` runs one on tokio's multi-threaded
//! runtime). `stealing` is a simulated scheduler with one order, a
//! `pub fn main(t: &Trace)` checked like the demos of chapter 7.
//!
//! The `// ANCHOR:` comments mark the parts the book includes; keep them
//! around whole items so a page never shows half a function.

pub mod names;
pub mod news;
pub mod stealing;
pub mod two_tasks;
pub mod wont_compile;
