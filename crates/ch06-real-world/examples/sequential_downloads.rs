//! `cargo run -p ch06-real-world --example sequential_downloads`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch06_real_world::demos::sequential_downloads::main(&t);
    print!("{}", t.render());
}
