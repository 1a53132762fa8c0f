//! The programs the book shows, one module each. Each has a
//! `pub async fn program(t: Trace)`: `tests/demos.rs` runs it under every
//! schedule and checks its set of orders against `snapshots/<name>.snap`,
//! and `examples/<name>.rs` runs it on tokio's multi-threaded runtime.
//!
//! The `// ANCHOR:` comments mark the parts the book includes; keep them
//! around whole items so a page never shows half a function.

pub mod two_tasks;
