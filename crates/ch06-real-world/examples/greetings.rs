//! `cargo run -p ch06-real-world --example greetings`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch06_real_world::demos::greetings::main(&t);
    print!("{}", t.render());
}
