//! `cargo run -p ch06-real-world --example socket_round`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch06_real_world::demos::socket_round::main(&t);
    print!("{}", t.render());
}
