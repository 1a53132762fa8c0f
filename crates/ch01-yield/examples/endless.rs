//! `cargo run -p ch01-yield --example endless`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch01_yield::demos::endless::main(&t);
    print!("{}", t.render());
}
