//! The book's programs must keep printing what the book shows: each demo's
//! set of orders, under every schedule, is checked against
//! `snapshots/<name>.snap`, the file its page includes.
use ch08_many_threads::{demos, every_order};

#[test]
fn two_tasks() {
    harness::demo!("two_tasks")
        .check_orders("two_tasks", |t| every_order(t, demos::two_tasks::program));
}

#[test]
fn names() {
    harness::demo!("names").check_orders("names", |t| every_order(t, demos::names::program));
}

#[test]
fn news() {
    harness::demo!("news").check_orders("news", |t| every_order(t, demos::news::program));
}

/// The same program on tokio's multi-threaded runtime: whatever orders the
/// real workers print, each is one the explorer found.
#[test]
fn two_tasks_on_tokio() {
    harness::demo!("two_tasks_on_tokio").check("two_tasks_on_tokio", |t| {
        let possible = many::explore(ch08_many_threads::SCHEDULES, demos::two_tasks::program);
        let runs = many::on_tokio(2, 200, demos::two_tasks::program);
        let members = runs
            .iter()
            .filter(|run| possible.orders.iter().any(|order| &order.lines == *run))
            .count();
        t.say(format!(
            "every schedule: {} schedules, {} orders",
            possible.schedules,
            possible.orders.len()
        ));
        t.say(format!("{} runs on tokio, with 2 workers", runs.len()));
        t.say(format!(
            "{members} of them printed one of the {} possible orders",
            possible.orders.len()
        ));
    });
}

#[test]
fn stealing() {
    harness::demo!("stealing").check("stealing", demos::stealing::main);
}

#[test]
fn offloaded() {
    harness::demo!("offloaded").check("offloaded", demos::stealing::offloaded);
}
