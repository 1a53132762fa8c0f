//! `cargo run -p ch08-many-threads --example two_tasks`: the book's program
//! on tokio's multi-threaded runtime, 1000 times, and how often each order
//! came out. Every order is one of the set `cargo test` checks.
use std::collections::BTreeMap;

fn main() {
    let mut seen: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    for run in many::on_tokio(2, 1000, ch08_many_threads::demos::two_tasks::program) {
        *seen.entry(run).or_default() += 1;
    }
    let program = ch08_many_threads::demos::two_tasks::program;
    let possible = many::explore(ch08_many_threads::SCHEDULES, program);
    for (order, times) in &seen {
        let member = possible.orders.iter().any(|o| &o.lines == order);
        let mark = if member { "" } else { "   <- not in the set!" };
        println!("{times:5} × {}{mark}", order.join(" "));
    }
    println!(
        "{} of the {} possible orders came out in 1000 runs on 2 workers",
        seen.len(),
        possible.orders.len()
    );
}
