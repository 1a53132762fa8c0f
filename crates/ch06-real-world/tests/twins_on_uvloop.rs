//! swap-the-loop.md's Python half: the Python twins, run on uvloop
//! instead of asyncio's own loop (`TRACE_LOOP=uvloop`, which `_trace.run`
//! reads). uvloop has no virtual clock, so only twins whose lines are all
//! at time 0 take part. Most print their snapshot unchanged; two do not,
//! and the page shows how they differ, from the constants below.
//!
//! Needs python3 with uvloop (`pip install uvloop`); without it, the test
//! says so and checks nothing, unless `WB_REQUIRE_PYPI=1` (set by
//! `.ci/run` when it could install uvloop) makes that a failure. Only
//! with the solutions, as the other checks of the book's claims: `cargo
//! test -p ch06-real-world --features solutions --test twins_on_uvloop`.

#![cfg(feature = "solutions")]

use std::path::{Path, PathBuf};

use harness::twin_order;

/// Twins that print on uvloop exactly what they print on asyncio's loop
/// (and Rust's): tasks, `sleep(0)`, `gather`, a shared counter, real
/// sockets.
const SAME: &[&str] = &[
    "ch04-event-loop/python/ping_pong.py",
    "ch04-event-loop/python/join_vs_gather.py",
    "ch05-async-await/python/countdown_future.py",
    "ch05-async-await/python/lost_update.py",
    "ch06-real-world/python/greetings.py",
    "ch06-real-world/python/echo_server.py",
    "ch07-crawler/python/loopback_crawl.py",
];

// ANCHOR: socket_round
/// socket_round.py on uvloop: the reader gets its line a round sooner.
const SOCKET_ROUND_ON_UVLOOP: &str = "  0 [ticker] round 1
  0 [reader] waits for a line
  0 [writer] sent a line
  0 [ticker] round 2
  0 [reader] got 'hello'
  0 [ticker] round 3
  0 [ticker] round 4
";
// ANCHOR_END: socket_round

// ANCHOR: main_returns
/// main_returns.py on uvloop: one more tick after `main` returns.
const MAIN_RETURNS_ON_UVLOOP: &str = "  0 [A] done
  0 [T] tick 0
  0 [main] returns
  0 [T] tick 1
  0 [T] tick 2
  0 [T] tick 3
";
// ANCHOR_END: main_returns

/// Twins that print something else on uvloop, and what.
const DIFFERENT: &[(&str, &str)] = &[
    (
        "ch06-real-world/python/socket_round.py",
        SOCKET_ROUND_ON_UVLOOP,
    ),
    (
        "ch04-event-loop/python/main_returns.py",
        MAIN_RETURNS_ON_UVLOOP,
    ),
];

#[test]
fn twins_on_uvloop_print_what_the_book_says() {
    if !twin_order::can_run_twins(&["uvloop"], "the twins on uvloop") {
        return;
    }
    let mut wrong = Vec::new();
    for twin in SAME {
        let expected = snapshot_of(twin);
        let printed = on_uvloop(twin);
        if printed != expected {
            wrong.push(format!(
                "{twin} on uvloop printed\n{printed}instead of its snapshot\n{expected}"
            ));
        }
    }
    for (twin, on_uvloop_printed) in DIFFERENT {
        let printed = on_uvloop(twin);
        if printed != *on_uvloop_printed {
            wrong.push(format!(
                "{twin} on uvloop printed\n{printed}where swap-the-loop.md says\n{on_uvloop_printed}"
            ));
        }
        assert_ne!(
            snapshot_of(twin),
            *on_uvloop_printed,
            "{twin}: the book shows this as a difference"
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn twin(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

/// What the twin prints on uvloop.
fn on_uvloop(path: &str) -> String {
    twin_order::run_twin(&twin(path), &[("TRACE_LOOP", "uvloop".as_ref())])
        .unwrap_or_else(|why| panic!("on uvloop: {why}"))
}

fn snapshot_of(path: &str) -> String {
    twin_order::twin_snapshot(&twin(path)).unwrap_or_else(|why| panic!("{why}"))
}
