//! `cargo run -p ch03-coroutine --example closing`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch03_coroutine::demos::closing::main(&t);
    print!("{}", t.render());
}
