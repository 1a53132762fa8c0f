//! `cargo run -p ch01-yield --example all_at_once`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch01_yield::demos::all_at_once::main(&t);
    print!("{}", t.render());
}
