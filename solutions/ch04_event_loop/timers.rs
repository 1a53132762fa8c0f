//! Exercise `timers` (implement). Page: "A loop with a clock" (clock.md).
//!
//! `run(clock, tasks)` runs named sleepy tasks. Before resuming a task it
//! tells the clock which task runs. A task that yields 0 goes to the back
//! of the ready queue; one that yields `n > 0` sleeps until `now + n`.
//! When no task is ready, the clock moves to the earliest deadline, and
//! every task due then becomes ready, in the order their timers were set.
//! Return when no task is ready and no timer is set.
//!
//! You may use: `VecDeque::from`, `push_back`, `pop_front`; a `BTreeMap`
//! keyed by `(deadline, number set)` with `insert`, `first_key_value`,
//! `first_entry` (`entry.key()`, `entry.remove()`); `task.resume()` with
//! `GeneratorState::{Yielded, Complete}`; `clock.set_running`,
//! `clock.now`, `clock.advance_to`.
use crate::{Clock, SleepyTask};
use genawaiter::GeneratorState::{Complete, Yielded};
use std::collections::{BTreeMap, VecDeque};

pub fn run<'a>(clock: &Clock, tasks: Vec<(&'static str, SleepyTask<'a>)>) {
    let mut ready = VecDeque::from(tasks);
    // Ordered by deadline, then by the order the timers were set.
    let mut timers: BTreeMap<(u64, u64), (&'static str, SleepyTask<'a>)> = BTreeMap::new();
    let mut timers_set = 0;
    loop {
        if ready.is_empty() {
            let Some((&(deadline, _), _)) = timers.first_key_value() else {
                return;
            };
            clock.advance_to(deadline);
            while let Some(entry) = timers.first_entry() {
                if entry.key().0 > deadline {
                    break;
                }
                ready.push_back(entry.remove());
            }
        }
        let Some((name, mut task)) = ready.pop_front() else {
            continue;
        };
        clock.set_running(name);
        match task.resume() {
            Yielded(0) => ready.push_back((name, task)),
            Yielded(ticks) => {
                timers.insert((clock.now() + ticks, timers_set), (name, task));
                timers_set += 1;
            }
            Complete(()) => {}
        }
    }
}
