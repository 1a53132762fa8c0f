//! Exercise `hand_off` (implement). Page: "Handing work over" (channels.md).
//!
//! A worker task owns the work; the others hand it jobs through a channel
//! and wait for the answer on a channel of their own. Write `worker`: take
//! each job from `jobs` until the channel closes, say `doubles {n}`, then
//! send `n * 2` back on the job's `reply`. Write `ask`: send a job for `n`
//! and wait for its answer.
//!
//! You may use: `jobs.recv().await` (`None` once every sender is gone),
//! `oneshot::channel()`, `send(…).await` on an `mpsc::Sender`, `send` on a
//! `oneshot::Sender`, `.await` on a `oneshot::Receiver`, `say`.
use many::{say, spawn};
use tokio::sync::{mpsc, oneshot};
use trace::Trace;

/// A job: the number to double, and where to send the answer.
pub struct Job {
    pub n: u32,
    pub reply: oneshot::Sender<u32>,
}

pub async fn worker(t: Trace, jobs: mpsc::Receiver<Job>) {
    let _ = (t, jobs);
    todo!("for each job: say `doubles {{n}}`, then send n * 2 on its reply")
}

pub async fn ask(jobs: &mpsc::Sender<Job>, n: u32) -> u32 {
    let _ = (jobs, n);
    todo!("send a Job with the sending half of a new oneshot, then await its other half")
}

pub async fn program(t: Trace) {
    let (send_job, jobs) = mpsc::channel(4);
    let worker = spawn(worker(t.clone(), jobs));
    let askers: Vec<_> = [1, 2]
        .into_iter()
        .map(|n| {
            let (t, send_job) = (t.clone(), send_job.clone());
            spawn(async move {
                let answer = ask(&send_job, n).await;
                say(&t, format!("{n} -> {answer}")).await;
            })
        })
        .collect();
    drop(send_job); // the worker's `recv` ends once the askers' clones are gone too
    for asker in askers {
        asker.await.unwrap();
    }
    worker.await.unwrap();
    say(&t, "done").await;
}
