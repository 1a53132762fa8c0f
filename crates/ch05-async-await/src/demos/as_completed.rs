//! waiting.md: `as_completed` gives the results in the order the tasks
//! finish.
use super::wait_gather::start_jobs;
use trace::Trace;

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let mut finished = aio::as_completed(start_jobs());
        while let Some(ticks) = finished.next().await {
            aio::say(format!("got {ticks}"));
        }
    });
}
// ANCHOR_END: main
