//! `cargo run -p ch02-send --example total`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch02_send::demos::total::main(&t);
    print!("{}", t.render());
}
