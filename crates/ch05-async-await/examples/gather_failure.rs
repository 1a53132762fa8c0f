//! `cargo run -p ch05-async-await --example gather_failure`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch05_async_await::demos::gather_failure::main(&t);
    print!("{}", t.render());
}
