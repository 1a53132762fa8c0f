//! `cargo run -p ch08-many-threads --example stealing`: the book's program, printing its trace.
fn main() {
    let t = trace::Trace::new();
    ch08_many_threads::demos::stealing::main(&t);
    print!("{}", t.render());
}
