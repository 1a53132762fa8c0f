//! `cargo run -p ch05-async-await --example no_async_drop`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch05_async_await::demos::no_async_drop::main(&t);
    print!("{}", t.render());
}
