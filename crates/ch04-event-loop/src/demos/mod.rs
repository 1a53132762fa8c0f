//! The programs the book shows, one module each. Every module has a
//! `pub fn main(t: &Trace)`: `examples/<name>.rs` runs it and prints the
//! trace, `tests/demos.rs` checks it against `snapshots/<name>.snap`, and
//! `python/<name>.py` prints the same lines with CPython's asyncio.
//!
//! The `// ANCHOR:` comments mark the parts the book includes; keep them
//! around whole items so a page never shows half a function.

pub mod create_task;
pub mod equal_sleeps;
pub mod gather;
pub mod hello_world;
pub mod join_vs_gather;
pub mod main_returns;
pub mod never_scheduled;
pub mod ping_pong;
pub mod say_after_awaited;
pub mod say_after_tasks;
pub mod waiters;
