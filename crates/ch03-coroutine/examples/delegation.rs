//! `cargo run -p ch03-coroutine --example delegation`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch03_coroutine::demos::delegation::main(&t);
    print!("{}", t.render());
}
