//! `cargo run -p ch04-event-loop --example say_after_tasks`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch04_event_loop::demos::say_after_tasks::main(&t);
    print!("{}", t.render());
}
