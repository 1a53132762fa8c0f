//! Every demo with a Python twin takes, on its loop, the turns its twin
//! takes on CPython's: the same tasks run in the same order at the same
//! times, the silent turns too, not only those that say a line. The
//! exceptions are listed, each with why (harness/src/twin_order.rs says
//! how turns are read). Needs python3 (see `check_programs`); only with
//! the solutions, as verify runs it: `cargo test -p ch07-crawler --features
//! solutions --test twin_turns`.

#![cfg(feature = "solutions")]

use ch07_crawler::demos;

#[test]
fn every_demo_takes_the_turns_cpython_takes() {
    let programs: &[(&str, fn(&harness::Trace))] = &[
        ("group_failure", demos::group_failure::main),
        ("loopback_crawl", demos::loopback_crawl::main),
        ("queue_basics", demos::queue_basics::main),
        ("sequential_crawl", demos::sequential_crawl::main),
    ];
    let differ = &[
        (
            "group_failure",
            "asyncio's TaskGroup wakes the task waiting in its __aexit__ once more than aio's join, after the last task has ended",
        ),
        (
            "loopback_crawl",
            "asyncio's start_server and open_connection run tasks and turns of their own, which aio::net does not have",
        ),
    ];
    harness::twin_order::check_programs(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        programs,
        differ,
    );
}
