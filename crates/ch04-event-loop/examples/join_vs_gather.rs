//! `cargo run -p ch04-event-loop --example join_vs_gather`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch04_event_loop::demos::join_vs_gather::main(&t);
    print!("{}", t.render());
}
