//! `cargo run -p ch05-async-await --example asyncio_future`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch05_async_await::demos::asyncio_future::main(&t);
    print!("{}", t.render());
}
