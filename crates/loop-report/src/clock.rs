//! The virtual clock both loops keep, and the stamp it puts on each line
//! the trace is told.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use trace::{Stamp, Trace};

/// The virtual time, and the task whose name stamps the lines said now:
/// the one the loop resumed last, by its number (`main` is 0).
///
/// The loop writes the time and the task at every step, and the trace's
/// stamper reads them from any thread (the test harness's watchdog asks
/// from another one). So they are atomics: a store is all a step pays.
/// (A `Stamp` behind a mutex, renamed at every step, cost a switch about
/// 16 ns more, a quarter of it: the book's page on performance.) The names
/// are written once, when each task is spawned; their lock is taken only
/// to read a stamp, when a line is said.
#[derive(Default)]
pub struct Clock {
    time: AtomicU64,
    task: AtomicUsize,
    /// Every task's name, by its number.
    names: Mutex<Vec<String>>,
}

impl Clock {
    /// A clock at time 0 with `main` running, that stamps every line
    /// `trace` is told from now on.
    pub fn stamping(trace: &Trace) -> Arc<Clock> {
        let clock = Arc::new(Clock::default());
        let stamper = clock.clone();
        trace.set_stamper(move || stamper.stamp());
        clock
    }

    /// The stamp of a line said now. Before `main` is spawned, the time is
    /// 0 and the task `main`.
    pub fn stamp(&self) -> Stamp {
        let task = self.task_id();
        let task = self
            .names()
            .get(task)
            .map_or("main", String::as_str)
            .to_string();
        Stamp {
            time: self.time(),
            task,
        }
    }

    pub fn time(&self) -> u64 {
        self.time.load(Ordering::Acquire)
    }

    pub fn set_time(&self, time: u64) {
        self.time.store(time, Ordering::Release);
    }

    /// The clock moves on by `ticks`, with no timer fired: a blocking call.
    pub fn add_time(&self, ticks: u64) {
        self.time.fetch_add(ticks, Ordering::AcqRel);
    }

    /// The number of the task that runs, or ran last.
    pub fn task_id(&self) -> usize {
        self.task.load(Ordering::Acquire)
    }

    /// Task number `id` runs from now on.
    pub fn set_task(&self, id: usize) {
        self.task.store(id, Ordering::Release);
    }

    /// Note the name of the next task spawned: the task numbered as many
    /// as there are names already.
    pub fn add_name(&self, name: &str) {
        self.names().push(name.to_string());
    }

    fn names(&self) -> MutexGuard<'_, Vec<String>> {
        // Nothing panics while holding it, and a poisoned list still tells
        // the right names.
        self.names.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_carries_the_time_and_the_name_of_the_task_that_runs() {
        let trace = Trace::new();
        let clock = Clock::stamping(&trace);
        trace.say("before main is spawned");
        clock.add_name("main");
        clock.add_name("B");
        clock.set_task(1);
        clock.set_time(5);
        trace.say("B speaks");
        clock.add_time(2);
        clock.set_task(0);
        trace.say("main speaks");
        assert_eq!(
            trace.render(),
            "  0 [main] before main is spawned\n  5 [B] B speaks\n  7 [main] main speaks\n"
        );
    }
}
