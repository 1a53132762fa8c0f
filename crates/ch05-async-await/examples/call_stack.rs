//! `cargo run -p ch05-async-await --example call_stack`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch05_async_await::demos::call_stack::main(&t);
    print!("{}", t.render());
}
