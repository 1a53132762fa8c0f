//! `cargo run -p ch04-event-loop --example main_returns`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch04_event_loop::demos::main_returns::main(&t);
    print!("{}", t.render());
}
