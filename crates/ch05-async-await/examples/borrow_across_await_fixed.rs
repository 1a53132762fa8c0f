//! `cargo run -p ch05-async-await --example borrow_across_await_fixed`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch05_async_await::demos::borrow_across_await_fixed::main(&t);
    print!("{}", t.render());
}
