//! `cargo run -p ch06-real-world --example aiofiles_read`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch06_real_world::demos::aiofiles_read::main(&t);
    print!("{}", t.render());
}
