//! `cargo run -p ch04-event-loop --example hello_world`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch04_event_loop::demos::hello_world::main(&t);
    print!("{}", t.render());
}
