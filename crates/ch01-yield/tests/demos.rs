//! The book's programs must keep saying what the book shows: each demo is
//! checked against `snapshots/<name>.snap`, the file its page includes.
use ch01_yield::demos;

#[test]
fn all_at_once() {
    harness::demo!("all_at_once").check("all_at_once", demos::all_at_once::main);
}

#[test]
fn by_hand() {
    harness::demo!("by_hand").check("by_hand", demos::by_hand::main);
}

#[test]
fn endless() {
    harness::demo!("endless").check("endless", demos::endless::main);
}

#[test]
fn greetings() {
    harness::demo!("greetings").check("greetings", demos::greetings::main);
}

#[test]
fn before_and_after() {
    harness::demo!("before_and_after").check("before_and_after", demos::before_and_after::main);
}

#[test]
fn not_yet() {
    harness::demo!("not_yet").check("not_yet", demos::not_yet::main);
}

#[test]
fn returns_once() {
    harness::demo!("returns_once").check("returns_once", demos::returns_once::main);
}

#[test]
fn state_machine() {
    harness::demo!("state_machine").check("state_machine", demos::state_machine::main);
}
