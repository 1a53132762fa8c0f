//! waiting.md: `wait(…, FirstCompleted)` returns when the first task is
//! done and leaves the others running; `gather` waits for all, and gives
//! their results in the order asked.
use aio::{ReturnWhen, Task};
use trace::Trace;

// ANCHOR: job
/// Works `ticks`, says `done`, returns `ticks`.
pub async fn job(ticks: u64) -> u64 {
    aio::sleep(ticks).await;
    aio::say("done");
    ticks
}

/// Three tasks: `A` takes 3 ticks, `B` 1 and `C` 2.
pub fn start_jobs() -> Vec<Task<u64>> {
    [("A", 3), ("B", 1), ("C", 2)]
        .into_iter()
        .map(|(name, ticks)| aio::spawn(name, job(ticks)))
        .collect()
}
// ANCHOR_END: job

fn names(tasks: &[Task<u64>]) -> String {
    let names: Vec<&str> = tasks.iter().map(Task::name).collect();
    names.join(" ")
}

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let tasks = start_jobs();
        let (done, pending) = aio::wait(tasks.clone(), ReturnWhen::FirstCompleted).await;
        aio::say(format!(
            "wait: {} done, {} pending",
            names(&done),
            names(&pending)
        ));
        let results = aio::gather(&tasks).await;
        aio::say(format!("gather: {results:?}"));
    });
}
// ANCHOR_END: main
