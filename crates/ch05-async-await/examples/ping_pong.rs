//! `cargo run -p ch05-async-await --example ping_pong`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch05_async_await::demos::ping_pong::main(&t);
    print!("{}", t.render());
}
