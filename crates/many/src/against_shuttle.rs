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
#[derive(Debug)]
pub struct Walked {
    pub orders: BTreeSet<Vec<String>>,
    pub schedules: usize,
}

/// Run `program` under every schedule shuttle finds, at most `bound` of
/// them, and collect the orders of lines it says.
pub fn every_order<F, Fut>(bound: usize, program: F) -> Walked
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
