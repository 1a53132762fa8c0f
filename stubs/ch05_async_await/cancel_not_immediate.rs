//! Exercise `cancel_not_immediate` (fix). Page: "Waiting, racing, cancelling" (waiting.md).
//!
//! `program(t)` should stop a writer that is half-way through, and reopen
//! the file only once the writer has closed it: `file closed` before
//! `reopening the file`. The file is reopened while still open. Find out
//! why and repair it.
//!
//! You may use: `task.outcome`.
use crate::OnDrop;
use trace::Trace;

async fn writer() {
    let _file = OnDrop::new("file closed");
    for line in 1..=5 {
        aio::say(format!("writing line {line}"));
        aio::sleep(1).await;
    }
}

pub fn program(t: &Trace) {
    aio::run(t, async {
        let w = aio::spawn("writer", writer());
        aio::sleep(2).await;
        w.cancel();
        aio::say("reopening the file");
    });
}
