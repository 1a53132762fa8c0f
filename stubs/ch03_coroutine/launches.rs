//! Exercise `launches` (implement). Page: "Delegation: yield from" (delegation.md).
//!
//! Write `launches(counts)`: for each count in turn, it yields everything
//! `countdown(&co, count)` yields, and then the text `countdown` returned.
//! `launches(vec![2])` yields `2`, `1`, `liftoff from 2`. Let `countdown`
//! do the counting: delegate to it.
//!
//! You may use: a `for` loop, `.await` on `countdown`,
//! `co.yield_(…).await`.
use genawaiter::rc::{Co, Gen};

/// Yields `from`, …, `1` as text, then returns `liftoff from FROM`.
async fn countdown(co: &Co<String>, from: u32) -> String {
    for n in (1..=from).rev() {
        co.yield_(n.to_string()).await;
    }
    format!("liftoff from {from}")
}

pub fn launches(counts: Vec<u32>) -> impl Iterator<Item = String> {
    Gen::new(|co| async move {
        let _ = (&co, &counts, countdown); // quiets "unused" warnings: delete this line as you write yours
        todo!("for each count: let countdown(&co, count).await yield its numbers, then yield what it returned")
    })
    .into_iter()
}
