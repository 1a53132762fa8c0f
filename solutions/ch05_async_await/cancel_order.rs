//! Exercise `cancel_order` (predict). Page: "Waiting, racing, cancelling" (waiting.md).
//!
//! `PREDICTION` holds the lines `program` says, in order, one string a
//! line, each as the trace shows it: time, `[task]`, text
//! (`"0 [main] hello"`; extra spaces do not matter). `cancel()` only asks:
//! the task is dropped on its next turn, which runs its clean-up then.
//!
//! You may use: the page's three steps after `cancel()`, and what `OnDrop`
//! and `outcome` do; write only `PREDICTION`.
use crate::OnDrop;
use trace::Trace;

async fn worker() {
    let _cleanup = OnDrop::new("cleaned up");
    aio::say("working");
    aio::sleep(5).await;
    aio::say("finished");
}

pub fn program(t: &Trace) {
    aio::run(t, async {
        let w = aio::spawn("W", worker());
        aio::sleep(1).await;
        aio::say("cancelling W");
        w.cancel();
        aio::say("asked W to stop");
        match w.outcome().await {
            Ok(()) => aio::say("W finished"),
            Err(error) => aio::say(error),
        }
    });
}

pub const PREDICTION: &[&str] = &[
    "0 [W] working",
    "1 [main] cancelling W",
    "1 [main] asked W to stop",
    "1 [W] cleaned up",
    "1 [main] task W was cancelled",
];
