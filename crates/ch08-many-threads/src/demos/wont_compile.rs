//! Programs the compiler refuses, which the book shows: each is a doc test
//! that passes only while the compiler refuses it, for the reason given.

/// An `Rc` moved into a task: its count is not atomic, so it must stay on
/// one thread, and a task may move to another worker ("future cannot be
/// sent between threads safely … the trait `Send` is not implemented for
/// `Rc<i32>`", E0277).
#[doc = "```compile_fail,E0277"]
#[doc = include_str!("wont_compile/rc_in_a_task.rs")]
#[doc = "```"]
pub struct RcInATask;

/// A `std::sync::MutexGuard` held across an `.await` in a task: the guard
/// must be unlocked by the thread that locked it, so the task could not
/// move ("future cannot be sent between threads safely").
#[doc = "```compile_fail"]
#[doc = include_str!("wont_compile/guard_across_await.rs")]
#[doc = "```"]
pub struct GuardAcrossAwait;
