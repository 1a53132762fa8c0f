//! `cargo run -p ch04-event-loop --example ping_pong`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch04_event_loop::demos::ping_pong::main(&t);
    print!("{}", t.render());
}
