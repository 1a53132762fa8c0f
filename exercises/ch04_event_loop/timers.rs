//! Exercise `timers` (implement). Page: "A loop with a clock" (clock.md).
//!
//! Write `run(clock, tasks)`, a loop that runs named sleepy tasks. Before
//! resuming a task, tell the clock which task runs. A task that yields 0
//! goes to the back of the ready queue; one that yields `n > 0` sleeps
//! until `now + n`. When no task is ready, move the clock to the earliest
//! deadline, and make every task due then ready, in the order their
//! timers were set. Return when no task is ready and no timer is set.
//!
//! You may use: `VecDeque::from`, `push_back`, `pop_front`; a `BTreeMap`
//! keyed by `(deadline, number set)` with `insert`, `first_key_value`,
//! `first_entry` (`entry.key()`, `entry.remove()`); `task.resume()` with
//! `GeneratorState::{Yielded, Complete}`; `clock.set_running`,
//! `clock.now`, `clock.advance_to`.
use crate::{Clock, SleepyTask};

pub fn run<'a>(clock: &Clock, tasks: Vec<(&'static str, SleepyTask<'a>)>) {
    let _ = (clock, tasks); // quiets "unused" warnings: delete this line as you write yours
    todo!(
        "a VecDeque of ready tasks, timers ordered by (deadline, order set), and a loop that resumes or wakes"
    )
}
