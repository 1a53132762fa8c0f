//! Exercise `first_done` (implement). Page: "Waiting, racing, cancelling" (waiting.md).
//!
//! Write `fastest(mirrors)`: ask every mirror at once, each in a task
//! named after the mirror (`fetch(name, ticks)`), wait until the first
//! has answered, cancel the others, say `using NAME` and return that
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
    let _ = (
        mirrors,
        fetch,
        ReturnWhen::FirstCompleted,
        None::<Task<String>>,
    ); // quiets "unused" warnings
    todo!(
        "spawn a task per mirror; aio::wait(tasks, ReturnWhen::FirstCompleted); cancel the pending; say and return the winner's answer"
    )
}
