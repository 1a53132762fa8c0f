//! `cargo run -p ch05-async-await --example mini_loop`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch05_async_await::demos::mini_loop::main(&t);
    print!("{}", t.render());
}
