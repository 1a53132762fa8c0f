// waiting.md: a job of 3 ticks, given 4, 3 and 2. When the time is up, the
// job's future is dropped, and its clean-up (an `OnDrop`) runs then. No
// `//!` here: tests/tokio.rs includes this file to run it on tokio too (see
// mod.rs).
use crate::OnDrop;
use trace::Trace;

// ANCHOR: job
/// Three ticks of work, and a clean-up however it ends.
async fn job() -> &'static str {
    let _cleanup = OnDrop::new("job: cleaned up");
    aio::say("job: starts");
    aio::sleep(3).await;
    aio::say("job: finished");
    "the result"
}
// ANCHOR_END: job

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        for ticks in [4, 3, 2] {
            match aio::timeout(ticks, job()).await {
                Ok(result) => aio::say(format!("got {result}")),
                Err(_) => aio::say(format!("gave up after {ticks} ticks")),
            }
        }
    });
}
// ANCHOR_END: main
