//! `cargo run -p ch04-event-loop --example gather`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch04_event_loop::demos::gather::main(&t);
    print!("{}", t.render());
}
