//! `cargo run -p ch03-coroutine --example pipeline`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch03_coroutine::demos::pipeline::main(&t);
    print!("{}", t.render());
}
