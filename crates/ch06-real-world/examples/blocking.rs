//! `cargo run -p ch06-real-world --example blocking`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch06_real_world::demos::blocking::main(&t);
    print!("{}", t.render());
}
