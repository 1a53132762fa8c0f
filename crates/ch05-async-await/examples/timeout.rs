//! `cargo run -p ch05-async-await --example timeout`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch05_async_await::demos::timeout::main(&t);
    print!("{}", t.render());
}
