//! `cargo run -p ch05-async-await --example shared_list`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch05_async_await::demos::shared_list::main(&t);
    print!("{}", t.render());
}
