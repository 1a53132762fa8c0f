//! Exercise `partial_results` (fix). Page: "Waiting, racing, cancelling" (waiting.md).
//!
//! `report(pages)` should download every page at once and, once all have
//! ended, say one line per page in the order given: `NAME: SIZE bytes`,
//! or `NAME: failed (REASON)` for a page that could not be had; then
//! return how many arrived. When one server is down, the report says
//! nothing at all, and `program` fails. Find out why and repair it.
//!
//! You may use: `aio::gather_outcomes`, `match` on `Ok(size)` and
//! `Err(TaskError::Failed { message, .. })`, `task.name()`.
use aio::Task;
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
    let sizes = aio::gather(&tasks).await;
    for (task, size) in tasks.iter().zip(&sizes) {
        aio::say(format!("{}: {size} bytes", task.name()));
    }
    sizes.len()
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
