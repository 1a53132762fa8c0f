//! Exercise `launches` (implement). Page: "Delegation: yield from" (delegation.md).
//!
//! `launches(counts)` yields, for each count in turn, everything
//! `countdown(&co, count)` yields, and then the text `countdown` returned:
//! `launches(vec![2])` yields `2`, `1`, `liftoff from 2`.
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
        for count in counts {
            let result = countdown(&co, count).await;
            co.yield_(result).await;
        }
    })
    .into_iter()
}
