//! Why a task, or a whole run, has no result.

use std::fmt;

/// Why a task has no result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskError {
    /// It panicked with this message.
    Failed { task: String, message: String },
    /// It was cancelled ([`Task::cancel`](crate::Task::cancel)).
    Cancelled { task: String },
}

impl fmt::Display for TaskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TaskError::Failed { task, message } => write!(f, "task {task} failed: {message}"),
            TaskError::Cancelled { task } => write!(f, "task {task} was cancelled"),
        }
    }
}

impl std::error::Error for TaskError {}

/// Why [`try_run`](crate::try_run) could not return main's result; a task
/// that failed or was cancelled is told by its [`TaskError`]. The variants
/// and their messages are those of [`loop_report::LoopError`], word for
/// word the same as `genloop::LoopError`'s.
pub type LoopError = loop_report::LoopError<TaskError>;
