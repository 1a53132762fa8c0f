//! `cargo run -p ch05-async-await --example lost_update`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch05_async_await::demos::lost_update::main(&t);
    print!("{}", t.render());
}
