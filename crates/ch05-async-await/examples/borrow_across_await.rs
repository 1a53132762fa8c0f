//! `cargo run -p ch05-async-await --example borrow_across_await`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch05_async_await::demos::borrow_across_await::main(&t);
    print!("{}", t.render());
}
