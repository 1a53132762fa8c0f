//! The book's programs must keep saying what the book shows: each demo is
//! checked against `snapshots/<name>.snap`, the file its page includes.
use ch02_send::demos;

#[test]
fn dropped() {
    harness::demo!("dropped").check("dropped", demos::dropped::main);
}

#[test]
fn echo() {
    harness::demo!("echo").check("echo", demos::echo::main);
}

#[test]
fn total() {
    harness::demo!("total").check("total", demos::total::main);
}
