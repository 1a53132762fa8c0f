//! The book's programs must keep saying what the book shows: each demo is
//! checked against `snapshots/<name>.snap`, the file its page includes.
//! `python/<name>.py` prints the same trace with CPython's asyncio; `cargo wb
//! verify` compares the two (it needs python3, and real time, so it is not
//! part of these tests).
use ch04_event_loop::demos;

#[test]
fn create_task() {
    harness::demo!("create_task").check("create_task", demos::create_task::main);
}

#[test]
fn equal_sleeps() {
    harness::demo!("equal_sleeps").check("equal_sleeps", demos::equal_sleeps::main);
}

#[test]
fn gather() {
    harness::demo!("gather").check("gather", demos::gather::main);
}

#[test]
fn hello_world() {
    harness::demo!("hello_world").check("hello_world", demos::hello_world::main);
}

#[test]
fn join_vs_gather() {
    harness::demo!("join_vs_gather").check("join_vs_gather", demos::join_vs_gather::main);
}

#[test]
fn main_returns() {
    harness::demo!("main_returns").check("main_returns", demos::main_returns::main);
}

/// The twin of `python/main_returns_old_style.py`: the same program, whose
/// Python makes its loop itself (`new_event_loop`, `run_until_complete`).
/// Rust has one way to run a loop, so the Rust side is `main_returns`.
#[test]
fn main_returns_old_style() {
    harness::demo!("main_returns_old_style")
        .check("main_returns_old_style", demos::main_returns::main);
}

#[test]
fn never_scheduled() {
    harness::demo!("never_scheduled").check("never_scheduled", demos::never_scheduled::main);
}

#[test]
fn ping_pong() {
    harness::demo!("ping_pong").check("ping_pong", demos::ping_pong::main);
}

#[test]
fn say_after_awaited() {
    harness::demo!("say_after_awaited").check("say_after_awaited", demos::say_after_awaited::main);
}

#[test]
fn say_after_tasks() {
    harness::demo!("say_after_tasks").check("say_after_tasks", demos::say_after_tasks::main);
}

#[test]
fn waiters() {
    harness::demo!("waiters").check("waiters", demos::waiters::main);
}
