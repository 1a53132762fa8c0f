//! Exercise `round_robin` (implement). Page: "Taking turns by hand" (round-robin.md).
//!
//! Write `run_all(tasks)`: run the tasks in turns. Resume the first, then
//! the next, and so on, going back to the first after the last. A task
//! that yields waits for its next turn at the back of the line; a task
//! that completes leaves it. Return when every task has completed.
//!
//! You may use: `VecDeque::from`, `pop_front`, `push_back`, `task.resume()`
//! with `GeneratorState::{Yielded, Complete}`.
use crate::Task;

pub fn run_all(tasks: Vec<Task<'_>>) {
    let _ = tasks; // quiets the "unused" warning until you use it
    todo!(
        "put the tasks in a VecDeque; take one from the front, resume it, and put it at the back if it yielded"
    )
}
