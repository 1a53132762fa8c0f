//! Chapter 6, "the real world": the jobs asyncio is for, on `aio`.
//!
//! The learner's code is in `exercises/ch06_real_world/`; with the
//! `solutions` feature the crate compiles the files of the same names in
//! `solutions/ch06_real_world/` instead. The tests in `tests/` check
//! either. The book's programs are in [`demos`]; the pretend world the
//! exercises live in (a network, a chat, some slow work) is below.

pub mod demos;

// The pretend network and chat, in a file of their own: the tokio tests
// (`tests/on_tokio/mod.rs`) include the same file, where `aio` means their
// functions over tokio.
include!("world.rs");

// ANCHOR: resize
/// Slow work, the kind that keeps a CPU busy or waits in a blocking call:
/// make a thumbnail of `image`. A plain function, not async, so it cannot
/// give way while it works; how long it takes is said by whoever runs it
/// (`aio::block(ticks)` or `aio::to_thread(ticks, …)`).
pub fn resize(image: &str) -> String {
    count_if_on_the_loop();
    format!("{image}.thumb")
}
// ANCHOR_END: resize

thread_local! {
    /// How often `resize` ran on this thread while it ran a loop.
    static RESIZED_ON_THE_LOOP: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// `resize` is slow work: run on the loop's thread, it holds the loop up,
/// whatever the trace's clock says. The exercise `heartbeat` is to give it
/// to a thread, and its test asks [`resized_on_the_loop`] whether it was.
fn count_if_on_the_loop() {
    if aio::is_running() {
        RESIZED_ON_THE_LOOP.with(|n| n.set(n.get() + 1));
    }
}

/// How often `resize` ran on this thread's loop since the last call, which
/// sets the count back to 0.
pub fn resized_on_the_loop() -> u32 {
    RESIZED_ON_THE_LOOP.with(|n| n.replace(0))
}

/// One module per exercise, named by its id. Listed once, expanded into
/// whichever folder the build reads.
macro_rules! exercise_modules {
    () => {
        pub mod batch_download;
        pub mod bot;
        pub mod echo_client;
        pub mod echo_server;
        pub mod heartbeat;
        pub mod how_long;
        pub mod late_timers;
        pub mod read_text;
    };
}

// The learner's folder, or with `--features solutions` the answers' folder.
// Two plain `#[path]`s rather than one `cfg_attr(…, path)`: rustfmt and
// rust-analyzer follow a plain path, and `cargo fmt` must keep working.
#[cfg(not(feature = "solutions"))]
#[path = "../../../exercises/ch06_real_world"]
mod files {
    exercise_modules!();
}
#[cfg(feature = "solutions")]
#[path = "../../../solutions/ch06_real_world"]
mod files {
    exercise_modules!();
}
pub use files::*;
