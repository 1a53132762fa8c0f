// aio.md: chapter 4's `say_after_tasks`, on aio instead of genloop: the
// same program, the same trace. No `//!` here: tests/tokio.rs includes
// this file to run it on tokio too (see mod.rs).
use trace::Trace;

// ANCHOR: say_after
/// Sleeps `ticks`, then says `what`.
async fn say_after(ticks: u64, what: &str) {
    aio::sleep(ticks).await;
    aio::say(what);
}
// ANCHOR_END: say_after

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let a = aio::spawn("A", say_after(2, "hello"));
        let b = aio::spawn("B", say_after(3, "world"));
        aio::say("started");
        a.await;
        b.await;
        aio::say("finished");
    });
}
// ANCHOR_END: main
