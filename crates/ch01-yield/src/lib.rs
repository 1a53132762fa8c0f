//! Chapter 1, "yield": a function that pauses.
//!
//! The learner's code is in `exercises/ch01_yield/`; with the `solutions`
//! feature the crate compiles the files of the same names in
//! `solutions/ch01_yield/` instead. The tests in `tests/` check either.
//! The book's own programs are in [`demos`].

pub mod demos;

/// One module per exercise, named by its id. Listed once, expanded into
/// whichever folder the build reads.
macro_rules! exercise_modules {
    () => {
        pub mod countdown;
        pub mod fibonacci;
        pub mod gen_range;
        pub mod hello;
        pub mod interleaving;
        pub mod lazy;
        pub mod range_by_hand;
        // The stub's loop that returns on its first pass is the bug to fix;
        // clippy's deny-by-default `never_loop` would refuse to build it.
        #[allow(clippy::never_loop)]
        pub mod return_in_loop;
        pub mod runaway;
        pub mod taking_turns;
    };
}

// The learner's folder, or with `--features solutions` the answers' folder.
// Two plain `#[path]`s rather than one `cfg_attr(…, path)`: rustfmt and
// rust-analyzer follow a plain path, and `cargo fmt` must keep working.
#[cfg(not(feature = "solutions"))]
#[path = "../../../exercises/ch01_yield"]
mod files {
    exercise_modules!();
}
#[cfg(feature = "solutions")]
#[path = "../../../solutions/ch01_yield"]
mod files {
    exercise_modules!();
}
pub use files::*;
