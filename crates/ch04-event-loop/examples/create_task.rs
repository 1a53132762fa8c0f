//! `cargo run -p ch04-event-loop --example create_task`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch04_event_loop::demos::create_task::main(&t);
    print!("{}", t.render());
}
