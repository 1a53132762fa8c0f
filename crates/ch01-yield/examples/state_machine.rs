//! `cargo run -p ch01-yield --example state_machine`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch01_yield::demos::state_machine::main(&t);
    print!("{}", t.render());
}
