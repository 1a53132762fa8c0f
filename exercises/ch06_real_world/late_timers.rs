//! Exercise `late_timers` (predict). Page: "Blocking calls" (blocking.md).
//!
//! Read `program` without running it and write in `PREDICTION` the lines it
//! says, in order, one string a line, each as the trace shows it: time,
//! `[task]`, text (`"0 [main] hello"`; extra spaces do not matter).
//! Leave the program as it is: the test checks that it still says what it
//! said when the exercise was written.
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

pub const PREDICTION: &[&str] = &[];
