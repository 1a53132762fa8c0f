//! `cargo run -p ch04-event-loop --example equal_sleeps`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch04_event_loop::demos::equal_sleeps::main(&t);
    print!("{}", t.render());
}
