//! `cargo run -p ch07-crawler --example loopback_crawl`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch07_crawler::demos::loopback_crawl::main(&t);
    print!("{}", t.render());
}
