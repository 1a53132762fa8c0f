//! `cargo run -p ch04-event-loop --example never_scheduled`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch04_event_loop::demos::never_scheduled::main(&t);
    print!("{}", t.render());
}
