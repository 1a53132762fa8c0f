//! The book's programs must keep saying what the book shows: each demo is
//! checked against `snapshots/<name>.snap`, the file its page includes.
//! `python/<name>.py` prints the same trace with CPython's asyncio; `cargo wb
//! verify` compares the two (it needs python3, and real time, so it is not
//! part of these tests). `tests/tokio.rs` runs three of them on tokio.
use ch05_async_await::demos;

#[test]
fn as_completed() {
    harness::demo!("as_completed").check("as_completed", demos::as_completed::main);
}

#[test]
fn async_gen() {
    harness::demo!("async_gen").check("async_gen", demos::async_gen::main);
}

#[test]
fn no_async_drop() {
    harness::demo!("no_async_drop").check("no_async_drop", demos::no_async_drop::main);
}

#[test]
fn ping_pong() {
    harness::demo!("ping_pong").check("ping_pong", demos::ping_pong::main);
}

#[test]
fn poll_by_hand() {
    harness::demo!("poll_by_hand").check("poll_by_hand", demos::poll_by_hand::main);
}

#[test]
fn ported() {
    harness::demo!("ported").check("ported", demos::ported::main);
}

#[test]
fn timeout() {
    harness::demo!("timeout").check("timeout", demos::timeout::main);
}

#[test]
fn wait_gather() {
    harness::demo!("wait_gather").check("wait_gather", demos::wait_gather::main);
}
