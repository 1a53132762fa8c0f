//! `cargo run -p ch06-real-world --example offload`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch06_real_world::demos::offload::main(&t);
    print!("{}", t.render());
}
