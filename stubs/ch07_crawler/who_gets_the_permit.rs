//! Exercise `who_gets_the_permit` (predict). Page: "K requests at a time" (limits.md).
//!
//! Read `program` without running it and write in `PREDICTION` the lines
//! it says, in order, one string a line, each as the trace shows it:
//! time, `[task]`, text (`"0 [A] waits"`; extra spaces do not matter).
//! Leave the program as it is: the test checks that it still says what
//! it said when the exercise was written. A released permit goes to the
//! task that has waited longest.
//!
//! You may use: the page's rules for a semaphore; write only `PREDICTION`.
use trace::Trace;

async fn request(limit: aio::Semaphore, ticks: u64) {
    aio::say("waits");
    let _permit = limit.acquire().await;
    aio::say("has a permit");
    aio::sleep(ticks).await;
    aio::say("done");
} // the permit goes back here

pub fn program(t: &Trace) {
    aio::run(t, async {
        let limit = aio::Semaphore::new(2);
        let tasks: Vec<aio::Task<()>> = [("A", 3), ("B", 1), ("C", 2), ("D", 1)]
            .into_iter()
            .map(|(name, ticks)| aio::spawn(name, request(limit.clone(), ticks)))
            .collect();
        for task in tasks {
            task.await;
        }
        aio::say("all done");
    });
}

pub const PREDICTION: &[&str] = &[];
