//! The programs the book shows, one module each. Every module has a
//! `pub fn main(t: &Trace)`: `examples/<name>.rs` runs it and prints the
//! trace, `tests/demos.rs` checks it against `snapshots/<name>.snap`, and
//! `python/<name>.py` prints the same lines with CPython's asyncio.
//!
//! The `// ANCHOR:` comments mark the parts the book includes; keep them
//! around whole items so a page never shows half a function.
//!
//! Two of them run on tokio too, unchanged: `tests/tokio.rs` compiles
//! their files a second time (`include!`) where the name `aio` means a
//! small module over tokio's current-thread runtime, and `crate::fetch`
//! and `crate::Inbox` the chapter's pretend world over it. So those files
//! use only what that module has (`run`, `say`, `sleep`, `spawn`), and
//! they start with `//` comments instead of `//!`, which `include!`
//! refuses; their docs are here.

pub mod aiofiles_read;
/// bot.md: the repaired bot, for a week of virtual hours. Runs on tokio
/// too.
pub mod blocking;
pub mod bot_week;
pub mod greetings;
pub mod offload;
/// downloads.md: four pages, one after the other: four round trips. Runs
/// on tokio too.
pub mod sequential_downloads;
pub mod socket_round;
pub mod thousand_pages;
