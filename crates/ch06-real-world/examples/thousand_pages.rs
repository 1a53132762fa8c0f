//! `cargo run -p ch06-real-world --example thousand_pages`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch06_real_world::demos::thousand_pages::main(&t);
    print!("{}", t.render());
}
