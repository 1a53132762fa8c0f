//! Exercise `spawns` (implement). Page: "Starting tasks" (tasks.md).
//!
//! Write `run(clock, main)`: the loop of exercise `timers`, with tasks
//! that yield [`Call`]s, starting from one task named `main`.
//! `Call::Sleep` works as before. `Call::Spawn(name, task)` puts the new
//! task at the back of the ready queue and resumes the task that asked at
//! once, as asyncio's `create_task` does.
//!
//! You may use: what your `timers` loop used, a `match` on `Call::Spawn`
//! and `Call::Sleep`, `loop` and `break`.
use crate::{Call, Clock, SpawningTask};

pub fn run<'a>(clock: &Clock, main: SpawningTask<'a>) {
    let _ = (clock, main, Call::Sleep); // quiets "unused" warnings: delete this line as you write yours
    todo!(
        "start from your loop in timers.rs, with (\"main\", main) as the only ready task; then handle Call::Spawn"
    )
}
