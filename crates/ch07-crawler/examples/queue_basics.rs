//! `cargo run -p ch07-crawler --example queue_basics`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch07_crawler::demos::queue_basics::main(&t);
    print!("{}", t.render());
}
