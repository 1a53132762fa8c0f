//! Every demo with a Python twin takes, on its loop, the turns its twin
//! takes on CPython's: the same tasks run in the same order at the same
//! times, the silent turns too, not only those that say a line. The
//! exceptions are listed, each with why (harness/src/twin_order.rs says
//! how turns are read). `mini_loop` and `poll_by_hand` are left out:
//! neither runs on aio (a small executor of the page's own; a future
//! polled by hand). Needs python3 (see `check_programs`); only with
//! the solutions, as verify runs it: `cargo test -p ch05-async-await --features
//! solutions --test twin_turns`.

#![cfg(feature = "solutions")]

use ch05_async_await::demos;

#[test]
fn every_demo_takes_the_turns_cpython_takes() {
    let programs: &[(&str, fn(&harness::Trace))] = &[
        ("as_completed", demos::as_completed::main),
        ("async_gen", demos::async_gen::main),
        ("async_gen_methods", demos::async_gen_methods::main),
        ("asyncio_future", demos::asyncio_future::main),
        ("call_stack", demos::call_stack::main),
        ("condition_orders", demos::condition_orders::main),
        ("event_start", demos::event_start::main),
        ("gather_cancel", demos::gather_cancel::main),
        ("gather_failure", demos::gather_failure::main),
        ("lost_update", demos::lost_update::main),
        ("no_async_drop", demos::no_async_drop::main),
        ("ping_pong", demos::ping_pong::main),
        ("ported", demos::ported::main),
        ("shared_list", demos::shared_list::main),
        ("timeout", demos::timeout::main),
        ("wait_gather", demos::wait_gather::main),
    ];
    let differ = &[(
        "asyncio_future",
        "the demo's `call_soon` runs each done callback in a task of its own, where CPython runs a plain callback",
    )];
    harness::twin_order::check_programs(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        programs,
        differ,
    );
}
