//! Exercise `cancel_not_immediate` (fix). Page: "Waiting, racing, cancelling" (waiting.md).
//!
//! `program(t)` stops a writer that is half-way through, and reopens the
//! file only once the writer has closed it: `file closed` comes before
//! `reopening the file`.
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
        let _ = w.outcome().await; // wait until it has really stopped
        aio::say("reopening the file");
    });
}
