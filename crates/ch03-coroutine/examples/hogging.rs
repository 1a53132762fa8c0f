//! `cargo run -p ch03-coroutine --example hogging`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch03_coroutine::demos::hogging::main(&t);
    print!("{}", t.render());
}
