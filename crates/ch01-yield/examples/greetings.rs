//! `cargo run -p ch01-yield --example greetings`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch01_yield::demos::greetings::main(&t);
    print!("{}", t.render());
}
