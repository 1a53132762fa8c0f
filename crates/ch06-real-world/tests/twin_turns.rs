//! Every demo with a Python twin takes, on its loop, the turns its twin
//! takes on CPython's: the same tasks run in the same order at the same
//! times, the silent turns too, not only those that say a line. The
//! exceptions are listed, each with why (harness/src/twin_order.rs says
//! how turns are read). Needs python3 (see `check_programs`); only with
//! the solutions, as verify runs it: `cargo test -p ch06-real-world --features
//! solutions --test twin_turns`.

#![cfg(feature = "solutions")]

use ch06_real_world::demos;

#[test]
fn every_demo_takes_the_turns_cpython_takes() {
    let programs: &[(&str, fn(&harness::Trace))] = &[
        ("aiofiles_read", demos::aiofiles_read::main),
        ("blocking", demos::blocking::main),
        ("bot_week", demos::bot_week::main),
        ("greetings", demos::greetings::main),
        ("offload", demos::offload::main),
        ("sequential_downloads", demos::sequential_downloads::main),
        ("socket_round", demos::socket_round::main),
        ("thousand_pages", demos::thousand_pages::main),
    ];
    let differ = &[
        (
            "aiofiles_read",
            "each aiofiles call (open, write, close, read) is a trip to a thread and back, where Rust reads or writes a whole file in one",
        ),
        (
            "greetings",
            "asyncio's start_server and open_connection run tasks and turns of their own, which aio::net does not have",
        ),
        (
            "socket_round",
            "asyncio's start_server and open_connection run tasks and turns of their own, which aio::net does not have",
        ),
    ];
    harness::twin_order::check_programs(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        programs,
        differ,
    );
}
