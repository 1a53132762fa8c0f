//! How fast is our loop? The workbook's two reference loops, `genloop`
//! (chapter 4, generators) and `aio` (chapter 5 on, std futures), against
//! tokio's current-thread runtime and CPython's asyncio, on the same
//! workloads in one run:
//!
//! - **ping**: N tasks that each give way (`sleep(0)`, `yield_now`) M
//!   times: task switches per second, and the heap each task costs;
//! - **sleepers**: tasks that sleep for pseudo-random times, on a virtual
//!   clock (ours), a paused one (tokio) or real short sleeps (CPython):
//!   timer events per second;
//! - **send**: one generator resumed with a value, many times:
//!   nanoseconds per resume;
//! - **echo**: chapter 6's echo server and its clients over loopback:
//!   messages (round trips) per second.
//!
//! `cargo run --release -p bench` prints the table; `--json` prints the
//! same results for a program to read; `--help` says the rest. The book's
//! page "How fast is our loop?" shows a run and explains the numbers.
//!
//! The tests here run each workload once, tiny, to check that it does what
//! it says; they never time anything.

pub mod alloc;
pub mod cli;
pub mod cpython;
pub mod machine;
pub mod report;
pub mod suite;
pub mod workloads;

/// One timed run of one workload on one runtime.
#[derive(Clone, Debug, PartialEq)]
pub struct Measured {
    /// Wall-clock time of the workload, from its first task's creation to
    /// the last one's end (the loop's own start and end are not counted).
    pub seconds: f64,
    /// What was done meanwhile: task switches, timer events, resumes,
    /// messages.
    pub ops: u64,
    /// The most heap bytes live at once during the run, above what was
    /// live when it started; `None` when not measured.
    pub peak_bytes: Option<u64>,
}

impl Measured {
    /// Operations per second.
    pub fn rate(&self) -> f64 {
        self.ops as f64 / self.seconds.max(1e-12)
    }

    /// Nanoseconds per operation.
    pub fn nanos_per_op(&self) -> f64 {
        self.seconds * 1e9 / (self.ops.max(1) as f64)
    }
}

/// A runtime that could not run a workload, and why ("python3 was not
/// found", "tokio is not built in", an error it returned).
pub type Unavailable = String;
