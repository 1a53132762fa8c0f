//! `cargo run -p ch01-yield --example before_and_after`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch01_yield::demos::before_and_after::main(&t);
    print!("{}", t.render());
}
