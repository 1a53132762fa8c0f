//! The programs besides Rust that the workbook's checks run, found and run
//! the same way by each of their users:
//!
//! - [`python`]: `python3`, which runs `cargo wb verify`'s Python twins
//!   and the bench's CPython side;
//! - [`chromium`]: the browser of the book's browser check (crates/wb-book),
//!   which `cargo wb doctor` looks for too.
//!
//! A crate of its own, with no dependencies, so that those three can share
//! it without depending on one another: the book builder pulls in mdBook,
//! and the bench tokio, which neither `cargo wb` nor the other should build.

pub mod chromium;
pub mod python;
