//! `cargo run -p ch02-send --example echo`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch02_send::demos::echo::main(&t);
    print!("{}", t.render());
}
