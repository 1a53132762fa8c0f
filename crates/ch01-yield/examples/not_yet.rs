//! `cargo run -p ch01-yield --example not_yet`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch01_yield::demos::not_yet::main(&t);
    print!("{}", t.render());
}
