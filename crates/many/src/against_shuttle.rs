//! The same program under `shuttle`'s depth-first scheduler
//! (`shuttle::check_dfs`), an explorer written by others. Chapter 8's
//! tests check that it finds exactly the orders [`explore`](crate::explore)
//! finds, so that no answer key of the chapter misses an order, or holds
//! one that cannot happen. shuttle makes a choice at more places than
//! `explore` (it walks ten to a hundred times as many schedules), and the
//! same orders come out.
//!
//! One difference to keep in mind: dropping a shuttle `JoinHandle` aborts
//! its task, where tokio's lets it run on; compare programs that await or
//! abort every task they start.
//!
//! Compiled with the feature `shuttle` (chapter 8's tests turn it on with
//! the solutions) and for this crate's own tests, which compare the two
//! on random programs; a learner's build never compiles shuttle.

use std::cell::Cell;
use std::collections::BTreeSet;
use std::future::Future;
use std::panic::RefUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use trace::Trace;

thread_local! {
    /// Set while shuttle runs a program on this thread: [`spawn`](crate::spawn)
    /// then starts shuttle's tasks.
    static RUNNING: Cell<bool> = const { Cell::new(false) };
}

pub(crate) fn running() -> bool {
    RUNNING.get()
}

/// What shuttle's walk found: each order once, and how many schedules it
/// ran.
struct Walked {
    orders: BTreeSet<Vec<String>>,
    schedules: usize,
}

/// Run `program` under both explorers, [`explore`](crate::explore) with at
/// most `bound` schedules and shuttle with a hundred times as many (it
/// walks ten to a hundred times as many), and panic, naming the orders,
/// unless both finish and find the same orders.
pub fn assert_same_orders<F, Fut>(bound: usize, program: F)
where
    F: Fn(Trace) -> Fut + Clone + Send + Sync + RefUnwindSafe + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let ours = crate::explore(bound, program.clone());
    assert!(ours.complete, "explore did not finish in {bound} schedules");
    let ours: BTreeSet<Vec<String>> = ours.orders.into_iter().map(|o| o.lines).collect();
    let theirs = walk_with_shuttle(100 * bound, program);
    assert!(
        theirs.schedules < 100 * bound,
        "shuttle did not finish its walk in {} schedules",
        100 * bound
    );
    let only_ours: Vec<_> = ours.difference(&theirs.orders).collect();
    let only_theirs: Vec<_> = theirs.orders.difference(&ours).collect();
    assert!(
        only_ours.is_empty() && only_theirs.is_empty(),
        "explore and shuttle disagree.\nOnly explore found: {only_ours:#?}\nOnly shuttle found: \
         {only_theirs:#?}"
    );
}

/// Run `program` under every schedule shuttle finds, at most `bound` of
/// them, and collect the orders of lines it says.
fn walk_with_shuttle<F, Fut>(bound: usize, program: F) -> Walked
where
    F: Fn(Trace) -> Fut + Send + Sync + RefUnwindSafe + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let orders = Arc::new(Mutex::new(BTreeSet::new()));
    let schedules = Arc::new(AtomicUsize::new(0));
    let (found, ran) = (orders.clone(), schedules.clone());
    shuttle::check_dfs(
        move || {
            RUNNING.set(true);
            ran.fetch_add(1, Ordering::Relaxed);
            let t = Trace::new();
            shuttle::future::block_on(program(t.clone()));
            found.lock().unwrap().insert(t.texts());
            RUNNING.set(false);
        },
        Some(bound),
    );
    let orders = std::mem::take(&mut *orders.lock().unwrap());
    Walked {
        orders,
        schedules: schedules.load(Ordering::Relaxed),
    }
}

/// Random programs of the steps chapter 8's programs are made of: both
/// explorers must find the same orders, as they do on the chapter's own
/// programs (its `tests/against_shuttle.rs`).
#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use proptest::collection::vec;
    use proptest::prelude::*;

    use super::*;
    use crate::{say, spawn, yield_now};

    /// One step of a task of a random program.
    #[derive(Clone, Debug)]
    enum Step {
        Say,
        Yield,
        /// Lock the one `tokio::sync::Mutex`, and say a line holding it.
        Locked,
        /// Send a line on the one channel (room for one): a reader says it.
        Send,
    }

    /// Tasks of random steps, and a reader that says what they send (if they
    /// send); `main` awaits them all, then says `done`.
    async fn random_program(t: Trace, tasks: Arc<Vec<Vec<Step>>>) {
        let lock = Arc::new(tokio::sync::Mutex::new(()));
        let (send, mut sent) = tokio::sync::mpsc::channel::<String>(1);
        let mut handles = Vec::new();
        for (n, steps) in tasks.iter().cloned().enumerate() {
            let (t, lock, send) = (t.clone(), lock.clone(), send.clone());
            handles.push(spawn(async move {
                for (k, step) in steps.into_iter().enumerate() {
                    let line = format!("t{n}.{k}");
                    match step {
                        Step::Say => say(&t, line).await,
                        Step::Yield => yield_now().await,
                        Step::Locked => {
                            let _held = lock.lock().await;
                            say(&t, format!("{line} locked")).await;
                        }
                        Step::Send => send.send(line).await.unwrap(),
                    }
                }
            }));
        }
        drop(send);
        let sends = tasks
            .iter()
            .flatten()
            .any(|step| matches!(step, Step::Send));
        if sends {
            let t = t.clone();
            handles.push(spawn(async move {
                while let Some(line) = sent.recv().await {
                    say(&t, format!("got {line}")).await;
                }
            }));
        }
        for handle in handles {
            handle.await.unwrap();
        }
        say(&t, "done").await;
    }

    fn steps() -> impl Strategy<Value = Step> {
        prop_oneof![
            Just(Step::Say),
            Just(Step::Yield),
            Just(Step::Locked),
            Just(Step::Send)
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 48,
            failure_persistence: None, // a failure prints its smallest program
            ..ProptestConfig::default()
        })]

        #[test]
        fn random_programs(tasks in vec(vec(steps(), 1..4), 2)) {
            let tasks = Arc::new(tasks);
            let program = move |t| random_program(t, tasks.clone());
            // shuttle walks ten to a hundred times as many schedules: keep the
            // programs whose walk takes a few milliseconds.
            prop_assume!(crate::explore(300, program.clone()).complete);
            assert_same_orders(300, program);
        }
    }
}
