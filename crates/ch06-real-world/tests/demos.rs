//! The book's programs must keep saying what the book shows: each demo is
//! checked against `snapshots/<name>.snap`, the file its page includes.
//! `python/<name>.py` prints the same trace with CPython's asyncio; `cargo wb
//! verify` compares the two (it needs python3, so it is not part of these
//! tests). `tests/tokio.rs` runs two of them on tokio.
use ch06_real_world::demos;

#[test]
fn aiofiles_read() {
    harness::demo!("aiofiles_read").check("aiofiles_read", demos::aiofiles_read::main);
}

#[test]
fn blocking() {
    harness::demo!("blocking").check("blocking", demos::blocking::main);
}

#[test]
fn bot_week() {
    harness::demo!("bot_week").check("bot_week", demos::bot_week::main);
}

#[test]
fn greetings() {
    harness::demo!("greetings").check("greetings", demos::greetings::main);
}

#[test]
fn socket_round() {
    harness::demo!("socket_round").check("socket_round", demos::socket_round::main);
}

#[test]
fn offload() {
    harness::demo!("offload").check("offload", demos::offload::main);
}

#[test]
fn sequential_downloads() {
    harness::demo!("sequential_downloads")
        .check("sequential_downloads", demos::sequential_downloads::main);
}

#[test]
fn thousand_pages() {
    harness::demo!("thousand_pages").check("thousand_pages", demos::thousand_pages::main);
}
