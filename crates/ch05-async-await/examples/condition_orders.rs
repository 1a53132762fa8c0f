//! `cargo run -p ch05-async-await --example condition_orders`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch05_async_await::demos::condition_orders::main(&t);
    print!("{}", t.render());
}
