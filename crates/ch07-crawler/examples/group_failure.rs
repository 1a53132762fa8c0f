//! `cargo run -p ch07-crawler --example group_failure`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch07_crawler::demos::group_failure::main(&t);
    print!("{}", t.render());
}
