//! `cargo run -p ch05-async-await --example async_gen_methods`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch05_async_await::demos::async_gen_methods::main(&t);
    print!("{}", t.render());
}
