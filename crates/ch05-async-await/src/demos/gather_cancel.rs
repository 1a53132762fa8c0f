//! waiting.md: cancelling a task that awaits a gather cancels the
//! gather's tasks; cancelling one that awaits a shield leaves its task
//! running.
use crate::IfCancelled;
use aio::Task;
use trace::Trace;

// ANCHOR: upload
/// Uploads for `ticks`; says `cancelled` if it is cancelled first.
async fn upload(ticks: u64) {
    let cancelled = IfCancelled::new("cancelled");
    aio::say("starts");
    aio::sleep(ticks).await;
    aio::say("done");
    cancelled.complete();
}

async fn wait_for_all(tasks: Vec<Task<()>>) {
    aio::gather(&tasks).await;
}

async fn wait_shielded(task: Task<()>) {
    aio::shield(&task).await;
}
// ANCHOR_END: upload

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let photos = aio::spawn("photos", upload(3));
        let notes = aio::spawn("notes", upload(1));
        let journal = aio::spawn("journal", upload(4));
        let gathers = aio::spawn("G", wait_for_all(vec![photos, notes]));
        let shields = aio::spawn("S", wait_shielded(journal.clone()));
        aio::sleep(2).await;
        aio::say("cancels G and S");
        gathers.cancel();
        shields.cancel();
        for task in [&gathers, &shields] {
            if task.outcome().await.is_err() {
                aio::say(format!("{} was cancelled", task.name()));
            }
        }
        journal.await;
        aio::say("the journal is uploaded all the same");
    });
}
// ANCHOR_END: main
