//! `cargo run -p ch05-async-await --example event_start`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch05_async_await::demos::event_start::main(&t);
    print!("{}", t.render());
}
