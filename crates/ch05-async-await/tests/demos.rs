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
fn async_gen_methods() {
    harness::demo!("async_gen_methods").check("async_gen_methods", demos::async_gen_methods::main);
}

#[test]
fn asyncio_future() {
    harness::demo!("asyncio_future").check("asyncio_future", demos::asyncio_future::main);
}

#[test]
fn mini_loop() {
    harness::demo!("mini_loop").check("mini_loop", demos::mini_loop::main);
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

#[test]
fn call_stack() {
    harness::demo!("call_stack").check("call_stack", demos::call_stack::main);
}

#[test]
fn condition_orders() {
    harness::demo!("condition_orders").check("condition_orders", demos::condition_orders::main);
}

#[test]
fn event_start() {
    harness::demo!("event_start").check("event_start", demos::event_start::main);
}

#[test]
fn gather_cancel() {
    harness::demo!("gather_cancel").check("gather_cancel", demos::gather_cancel::main);
}

#[test]
fn gather_failure() {
    harness::demo!("gather_failure").check("gather_failure", demos::gather_failure::main);
}

#[test]
fn lost_update() {
    harness::demo!("lost_update").check("lost_update", demos::lost_update::main);
}

#[test]
fn shared_list() {
    harness::demo!("shared_list").check("shared_list", demos::shared_list::main);
}

#[test]
fn borrow_across_await() {
    harness::demo!("borrow_across_await")
        .check("borrow_across_await", demos::borrow_across_await::main);
}

#[test]
fn borrow_across_await_fixed() {
    harness::demo!("borrow_across_await_fixed").check(
        "borrow_across_await_fixed",
        demos::borrow_across_await_fixed::main,
    );
}
