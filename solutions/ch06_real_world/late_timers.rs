//! Exercise `late_timers` (predict). Page: "Blocking calls" (blocking.md).
//!
//! `PREDICTION` holds the lines `program` says, in order, one string a
//! line, each as the trace shows it: time, `[task]`, text
//! (`"0 [main] hello"`; extra spaces do not matter). `aio::block(n)` is a
//! blocking call: the clock moves `n` ticks and nothing else runs; timers
//! that fell due meanwhile fire late, after the blocking task gives way.
//!
//! You may use: what the page says `aio::block` does to the clock and to
//! the timers; write only `PREDICTION`.
use trace::Trace;

pub fn program(t: &Trace) {
    aio::run(t, async {
        let ticker = aio::spawn("A", async {
            for tick in 1..=3 {
                aio::say(format!("tick {tick}"));
                aio::sleep(1).await;
            }
        });
        let blocker = aio::spawn("B", async {
            aio::sleep(1).await;
            aio::say("blocking for 3");
            aio::block(3);
            aio::say("unblocked");
        });
        blocker.await;
        ticker.await;
        aio::say("done");
    });
}

pub const PREDICTION: &[&str] = &[
    "0 [A] tick 1",
    "1 [A] tick 2",
    "1 [B] blocking for 3",
    "4 [B] unblocked",
    "4 [A] tick 3",
    "5 [main] done",
];
