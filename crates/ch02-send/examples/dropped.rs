//! `cargo run -p ch02-send --example dropped`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch02_send::demos::dropped::main(&t);
    print!("{}", t.render());
}
