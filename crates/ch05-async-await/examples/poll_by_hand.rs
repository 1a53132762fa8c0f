//! `cargo run -p ch05-async-await --example poll_by_hand`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch05_async_await::demos::poll_by_hand::main(&t);
    print!("{}", t.render());
}
