//! Exercise `first_done` (implement). Page: "Waiting, racing, cancelling" (waiting.md).
//!
//! `fastest(mirrors)` asks every mirror at once, each in a task named
//! after the mirror (`fetch(name, ticks)`), waits until the first has
//! answered, cancels the others, says `using NAME` and returns that
//! answer.
//!
//! You may use: `aio::spawn`, `iter`, `map`, `collect`, `aio::wait` with
//! `ReturnWhen::FirstCompleted`, `task.cancel`, `task.name`, `clone`,
//! `aio::say`, `format!`.
use crate::IfCancelled;
use aio::{ReturnWhen, Task};

/// One mirror's answer, after `ticks` of network time.
async fn fetch(name: &'static str, ticks: u64) -> String {
    let cancelled = IfCancelled::new("request cancelled");
    aio::say("requesting");
    aio::sleep(ticks).await;
    aio::say("answered");
    cancelled.complete();
    format!("the file, from {name}")
}

pub async fn fastest(mirrors: &[(&'static str, u64)]) -> String {
    let tasks: Vec<Task<String>> = mirrors
        .iter()
        .map(|&(name, ticks)| aio::spawn(name, fetch(name, ticks)))
        .collect();
    let (done, pending) = aio::wait(tasks, ReturnWhen::FirstCompleted).await;
    for task in &pending {
        task.cancel();
    }
    let winner = &done[0];
    aio::say(format!("using {}", winner.name()));
    winner.clone().await
}
