//! The book's programs must keep saying what the book shows: each demo is
//! checked against `snapshots/<name>.snap`, the file its page includes.
use ch03_coroutine::demos;

#[test]
fn closing() {
    harness::demo!("closing").check("closing", demos::closing::main);
}

#[test]
fn delegation() {
    harness::demo!("delegation").check("delegation", demos::delegation::main);
}

#[test]
fn hogging() {
    harness::demo!("hogging").check("hogging", demos::hogging::main);
}

#[test]
fn pipeline() {
    harness::demo!("pipeline").check("pipeline", demos::pipeline::main);
}
