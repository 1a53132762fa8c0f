//! Every demo with a Python twin takes, on its loop, the turns its twin
//! takes on CPython's: the same tasks run in the same order at the same
//! times, the silent turns too, not only those that say a line. The
//! exceptions are listed, each with why (harness/src/twin_order.rs says
//! how turns are read). Needs python3 (see `check_programs`); only with
//! the solutions, as verify runs it: `cargo test -p ch04-event-loop --features
//! solutions --test twin_turns`.

#![cfg(feature = "solutions")]

use ch04_event_loop::demos;

#[test]
fn every_demo_takes_the_turns_cpython_takes() {
    let programs: &[(&str, fn(&harness::Trace))] = &[
        ("create_task", demos::create_task::main),
        ("equal_sleeps", demos::equal_sleeps::main),
        ("gather", demos::gather::main),
        ("hello_world", demos::hello_world::main),
        ("join_vs_gather", demos::join_vs_gather::main),
        ("main_returns", demos::main_returns::main),
        ("never_scheduled", demos::never_scheduled::main),
        ("ping_pong", demos::ping_pong::main),
        ("say_after_awaited", demos::say_after_awaited::main),
        ("say_after_tasks", demos::say_after_tasks::main),
        ("waiters", demos::waiters::main),
    ];
    let differ = &[];
    harness::twin_order::check_programs(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        programs,
        differ,
    );
}
