//! Exercise `partial_results` (fix). Page: "Waiting, racing, cancelling" (waiting.md).
//!
//! `report(pages)` downloads every page at once and, once all have ended,
//! says one line per page in the order given: `NAME: SIZE bytes`, or
//! `NAME: failed (REASON)` for a page that could not be had; then returns
//! how many arrived.
//!
//! You may use: `aio::gather_outcomes`, `match` on `Ok(size)` and
//! `Err(TaskError::Failed { message, .. })`, `task.name()`.
use aio::{Task, TaskError};
use trace::Trace;

/// One page: `ticks` of network time, then its size; if its server is
/// down, the download fails instead.
async fn download(ticks: u64, server_down: bool) -> u64 {
    aio::say("downloading");
    aio::sleep(ticks).await;
    if server_down {
        panic!("server down");
    }
    ticks * 1000
}

pub async fn report(pages: &[(&'static str, u64, bool)]) -> usize {
    let tasks: Vec<Task<u64>> = pages
        .iter()
        .map(|&(name, ticks, down)| aio::spawn(name, download(ticks, down)))
        .collect();
    let outcomes = aio::gather_outcomes(&tasks).await;
    let mut arrived = 0;
    for (task, outcome) in tasks.iter().zip(&outcomes) {
        match outcome {
            Ok(size) => {
                arrived += 1;
                aio::say(format!("{}: {size} bytes", task.name()));
            }
            Err(TaskError::Failed { message, .. }) => {
                aio::say(format!("{}: failed ({message})", task.name()));
            }
            Err(cancelled) => aio::say(format!("{}: {cancelled}", task.name())),
        }
    }
    arrived
}

pub fn program(t: &Trace) {
    aio::run(t, async {
        let pages = [
            ("index.html", 2, false),
            ("news.html", 1, true),
            ("about.html", 3, false),
        ];
        let arrived = report(&pages).await;
        aio::say(format!("{arrived} of {} pages arrived", pages.len()));
    });
}
