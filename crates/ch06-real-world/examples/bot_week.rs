//! `cargo run -p ch06-real-world --example bot_week`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch06_real_world::demos::bot_week::main(&t);
    print!("{}", t.render());
}
