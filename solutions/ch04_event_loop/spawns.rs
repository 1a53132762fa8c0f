//! Exercise `spawns` (implement). Page: "Starting tasks" (tasks.md).
//!
//! `run(clock, main)` is the loop of exercise `timers`, with tasks that
//! yield [`Call`]s, starting from one task named `main`. `Call::Sleep`
//! works as before. `Call::Spawn(name, task)` puts the new task at the
//! back of the ready queue and resumes the task that asked at once, as
//! asyncio's `create_task` does.
//!
//! You may use: what your `timers` loop used, a `match` on `Call::Spawn`
//! and `Call::Sleep`, `loop` and `break`.
use crate::{Call, Clock, SpawningTask};
use genawaiter::GeneratorState::{Complete, Yielded};
use std::collections::{BTreeMap, VecDeque};

pub fn run<'a>(clock: &Clock, main: SpawningTask<'a>) {
    let mut ready = VecDeque::from([("main", main)]);
    // Ordered by deadline, then by the order the timers were set.
    let mut timers: BTreeMap<(u64, u64), (&'static str, SpawningTask<'a>)> = BTreeMap::new();
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
        // A spawn does not give way: resume the same task until it does.
        loop {
            match task.resume() {
                Yielded(Call::Spawn(new_name, new_task)) => {
                    ready.push_back((new_name, new_task));
                }
                Yielded(Call::Sleep(0)) => {
                    ready.push_back((name, task));
                    break;
                }
                Yielded(Call::Sleep(ticks)) => {
                    timers.insert((clock.now() + ticks, timers_set), (name, task));
                    timers_set += 1;
                    break;
                }
                Complete(()) => break,
            }
        }
    }
}
