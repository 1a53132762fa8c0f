//! `cargo run -p ch05-async-await --example wait_gather`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch05_async_await::demos::wait_gather::main(&t);
    print!("{}", t.render());
}
