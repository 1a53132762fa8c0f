//! `cargo run -p ch01-yield --example by_hand`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch01_yield::demos::by_hand::main(&t);
    print!("{}", t.render());
}
