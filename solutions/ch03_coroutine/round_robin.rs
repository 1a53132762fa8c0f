//! Exercise `round_robin` (implement). Page: "Taking turns by hand" (round-robin.md).
//!
//! `run_all(tasks)` runs the tasks in turns: resume the first, then the
//! next, and so on, going back to the first after the last. A task that
//! yields waits for its next turn at the back of the line; a task that
//! completes leaves it. Return when every task has completed.
//!
//! You may use: `VecDeque::from`, `pop_front`, `push_back`, `task.resume()`
//! with `GeneratorState::{Yielded, Complete}`.
use crate::Task;
use genawaiter::GeneratorState::{Complete, Yielded};
use std::collections::VecDeque;

pub fn run_all(tasks: Vec<Task<'_>>) {
    let mut ready = VecDeque::from(tasks);
    while let Some(mut task) = ready.pop_front() {
        match task.resume() {
            Yielded(()) => ready.push_back(task),
            Complete(()) => {}
        }
    }
}
