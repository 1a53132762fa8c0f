//! `cargo run -p ch04-event-loop --example waiters`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch04_event_loop::demos::waiters::main(&t);
    print!("{}", t.render());
}
