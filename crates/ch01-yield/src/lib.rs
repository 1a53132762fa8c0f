//! Chapter 1, "yield": a function that pauses.
//!
//! The learner's code is in `exercises/ch01_yield/`; with the `solutions`
//! feature the crate compiles the files of the same names in
//! `solutions/ch01_yield/` instead. The tests in `tests/` check either.

// One module per exercise, read from the learner's folder or, with
// `--features solutions`, the answers' folder. Only the folder switches.
#[cfg_attr(not(feature = "solutions"), path = "../../../exercises/ch01_yield")]
#[cfg_attr(feature = "solutions", path = "../../../solutions/ch01_yield")]
mod files {
    pub mod hello;
}
pub use files::*;
