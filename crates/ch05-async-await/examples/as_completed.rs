//! `cargo run -p ch05-async-await --example as_completed`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch05_async_await::demos::as_completed::main(&t);
    print!("{}", t.render());
}
