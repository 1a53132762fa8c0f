//! Chapter 8, "many threads": what a program may print when its tasks run
//! on several workers at once, and which orders hold in every run.
//!
//! The learner's code is in `exercises/ch08_many_threads/`; with the
//! `solutions` feature the crate compiles the files of the same names in
//! `solutions/ch08_many_threads/` instead. The tests in `tests/` run each
//! program under every schedule (`many::explore`) and check the set of
//! orders it can print. The book's programs are in [`demos`].

pub mod demos;

/// The most schedules a check tries. Every program of this chapter has
/// fewer (a few hundred at most), so a check tries them all, in well under
/// a second; a program with many more places to wait than it needs is
/// stopped here, and its check says so.
pub const SCHEDULES: usize = 5_000;

/// Every order `program` can print: [`many::explore`] with [`SCHEDULES`],
/// telling `watcher` (the check's trace) where it is, for the watchdog.
pub fn every_order<F, Fut>(watcher: &trace::Trace, program: F) -> many::Explored
where
    F: Fn(trace::Trace) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    many::explore_watched(SCHEDULES, watcher, program)
}

macro_rules! exercise_modules {
    () => {
        pub mod half_a_frame;
        pub mod hand_off;
        pub mod left_running;
        pub mod lost_update;
        pub mod which_orders;
    };
}

// Two plain `#[path]`s rather than one `cfg_attr(…, path)`: rustfmt and
// rust-analyzer follow a plain path, and `cargo fmt` must keep working.
#[cfg(not(feature = "solutions"))]
#[path = "../../../exercises/ch08_many_threads"]
mod files {
    exercise_modules!();
}
#[cfg(feature = "solutions")]
#[path = "../../../solutions/ch08_many_threads"]
mod files {
    exercise_modules!();
}
pub use files::*;
