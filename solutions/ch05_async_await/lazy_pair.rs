//! Exercise `lazy_pair` (fix). Page: "async fn: the state machine written for you" (async-fn.md).
//!
//! `program(t)` downloads two files at the same time, each in its own
//! task named after the file, so both are done at time 3.
//!
//! You may use: `aio::spawn`.
use trace::Trace;

async fn download(file: &'static str, ticks: u64) -> u64 {
    aio::say(format!("downloading {file}"));
    aio::sleep(ticks).await;
    aio::say(format!("downloaded {file}"));
    ticks
}

pub fn program(t: &Trace) {
    aio::run(t, async {
        let first = aio::spawn("a.zip", download("a.zip", 3));
        let second = aio::spawn("b.zip", download("b.zip", 2));
        let total = first.await + second.await;
        aio::say(format!("both done, {total} ticks of downloading"));
    });
}
