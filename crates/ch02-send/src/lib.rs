//! Chapter 2, "send": a generator that takes values.
//!
//! The learner's code is in `exercises/ch02_send/`; with the `solutions`
//! feature the crate compiles the files of the same names in
//! `solutions/ch02_send/` instead. The tests in `tests/` check either.
//! The book's own programs are in [`demos`].

pub mod demos;

/// One module per exercise, named by its id. Listed once, expanded into
/// whichever folder the build reads.
macro_rules! exercise_modules {
    () => {
        pub mod final_value;
        pub mod forgot_to_stop;
        pub mod priming;
        pub mod running_average;
        pub mod send_hello;
        pub mod skip_fibonacci;
        pub mod who_sends_when;
    };
}

// The learner's folder, or with `--features solutions` the answers' folder.
// Two plain `#[path]`s rather than one `cfg_attr(…, path)`: rustfmt and
// rust-analyzer follow a plain path, and `cargo fmt` must keep working.
#[cfg(not(feature = "solutions"))]
#[path = "../../../exercises/ch02_send"]
mod files {
    exercise_modules!();
}
#[cfg(feature = "solutions")]
#[path = "../../../solutions/ch02_send"]
mod files {
    exercise_modules!();
}
pub use files::*;
