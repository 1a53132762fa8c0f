//! Chapter 4, "event loop": the round-robin of chapter 3 grows a clock, and
//! becomes a loop that runs tasks in the order asyncio does.
//!
//! The learner's code is in `exercises/ch04_event_loop/`; with the
//! `solutions` feature the crate compiles the files of the same names in
//! `solutions/ch04_event_loop/` instead. The tests in `tests/` check either.
//! The book's programs are in [`demos`] and run on `genloop`, the reference
//! loop. The pieces below are for the loops you write yourself.

pub mod demos;

use genawaiter::rc::{Co, Gen};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use trace::{Stamp, Trace};

// ANCHOR: clock
/// The loop's clock, and the name of the task it is running. Installed on
/// a trace, it stamps every line with both, as `genloop` does.
#[derive(Clone)]
pub struct Clock {
    now: Arc<Mutex<Stamp>>,
}

impl Clock {
    /// A clock at time 0 that stamps every line `t` says from now on.
    pub fn install(t: &Trace) -> Clock {
        let now = Arc::new(Mutex::new(Stamp {
            time: 0,
            task: "loop".into(),
        }));
        let shared = Arc::clone(&now);
        t.set_stamper(move || {
            shared
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone()
        });
        Clock { now }
    }

    /// The virtual time.
    pub fn now(&self) -> u64 {
        self.lock().time
    }

    /// Move the clock to `time`. Time never goes backwards.
    pub fn advance_to(&self, time: u64) {
        let mut now = self.lock();
        assert!(
            time >= now.time,
            "the clock went backwards, from {} to {time}: wake the earliest timer first",
            now.time
        );
        now.time = time;
    }

    /// Name the task about to run, so its lines carry its name.
    pub fn set_running(&self, task: &str) {
        self.lock().task = task.into();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Stamp> {
        self.now.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
// ANCHOR_END: clock

// ANCHOR: sleepy
/// A task for a loop with a clock: it yields how many ticks it wants to
/// sleep, `0` meaning "only let the others run first".
pub type SleepyTask<'a> = Gen<u64, (), Pin<Box<dyn Future<Output = ()> + 'a>>>;

/// Make a [`SleepyTask`] from its body; the loop's first resume starts it.
pub fn sleepy<'a, F>(body: impl FnOnce(Co<u64>) -> F) -> SleepyTask<'a>
where
    F: Future<Output = ()> + 'a,
{
    Gen::new(|co| Box::pin(body(co)) as Pin<Box<_>>)
}
// ANCHOR_END: sleepy

// ANCHOR: call
/// What a task of a loop that can spawn asks for: a sleep, as before, or
/// a new task.
pub enum Call<'a> {
    /// Resume me in this many ticks (`0`: after the tasks that are ready).
    Sleep(u64),
    /// Start this task, named so; carry on with me at once.
    Spawn(&'static str, SpawningTask<'a>),
}

/// A task that yields [`Call`]s.
pub type SpawningTask<'a> = Gen<Call<'a>, (), Pin<Box<dyn Future<Output = ()> + 'a>>>;

/// Make a [`SpawningTask`] from its body; the loop's first resume starts it.
pub fn spawning<'a, F>(body: impl FnOnce(Co<Call<'a>>) -> F) -> SpawningTask<'a>
where
    F: Future<Output = ()> + 'a,
{
    Gen::new(|co| Box::pin(body(co)) as Pin<Box<_>>)
}
// ANCHOR_END: call

/// One module per exercise, named by its id. Listed once, expanded into
/// whichever folder the build reads.
macro_rules! exercise_modules {
    () => {
        pub mod count_to_ten;
        pub mod create_task_order;
        pub mod gather_order;
        pub mod never_awaited;
        pub mod sequential_awaits;
        pub mod spawns;
        pub mod timers;
        pub mod wake_order;
    };
}

// The learner's folder, or with `--features solutions` the answers' folder.
// Two plain `#[path]`s rather than one `cfg_attr(…, path)`: rustfmt and
// rust-analyzer follow a plain path, and `cargo fmt` must keep working.
#[cfg(not(feature = "solutions"))]
#[path = "../../../exercises/ch04_event_loop"]
mod files {
    exercise_modules!();
}
#[cfg(feature = "solutions")]
#[path = "../../../solutions/ch04_event_loop"]
mod files {
    exercise_modules!();
}
pub use files::*;
