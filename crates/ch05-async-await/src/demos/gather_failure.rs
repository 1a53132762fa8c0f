//! waiting.md: one download of three fails. The gather ends at the first
//! failure, and so does the task that awaits it; the other downloads run
//! on to their end.
use aio::Task;
use trace::Trace;

// ANCHOR: download
/// Downloads for `ticks`, then fails if `fails`, or says `done` and
/// returns its size.
async fn download(ticks: u64, fails: bool) -> u64 {
    aio::say("starts");
    aio::sleep(ticks).await;
    if fails {
        panic!("connection lost");
    }
    aio::say("done");
    ticks * 100
}

async fn report(pages: Vec<Task<u64>>) {
    let sizes = aio::gather(&pages).await;
    aio::say(format!("sizes: {sizes:?}"));
}
// ANCHOR_END: download

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let pages: Vec<Task<u64>> = [
            ("a.html", 3, false),
            ("b.html", 1, true),
            ("c.html", 2, false),
        ]
        .into_iter()
        .map(|(name, ticks, fails)| aio::spawn(name, download(ticks, fails)))
        .collect();
        let writer = aio::spawn("report", report(pages));
        if writer.outcome().await.is_err() {
            aio::say("the report failed");
        }
        aio::sleep(3).await;
        aio::say("bye");
    });
}
// ANCHOR_END: main
