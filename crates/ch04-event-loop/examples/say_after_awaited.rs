//! `cargo run -p ch04-event-loop --example say_after_awaited`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch04_event_loop::demos::say_after_awaited::main(&t);
    print!("{}", t.render());
}
