//! `cargo run -p ch05-async-await --example gather_cancel`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch05_async_await::demos::gather_cancel::main(&t);
    print!("{}", t.render());
}
