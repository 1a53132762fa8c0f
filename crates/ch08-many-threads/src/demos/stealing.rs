//! A multi-threaded runtime's scheduler, simulated: two workers, each with
//! a run queue of its own, and a global queue for the tasks spawned from
//! outside them. A worker runs the front of its own queue; when that is
//! empty, the front of the global queue; when that is empty too, it steals
//! half of the other worker's queue. A task spawned by a task goes onto the
//! queue of the worker running it, as tokio's `spawn` from a worker does.
//!
//! Virtual time and no real threads, so that every run is the same: at
//! each tick, every worker that is free takes one job, worker 1 first.
//! [`offloaded`] runs the same jobs, but hands the long one to the pool of
//! threads kept for blocking work, as `spawn_blocking` does.
use std::collections::VecDeque;
use std::fmt::Display;
use std::sync::{Arc, Mutex};

use trace::{Event, Stamp, Trace, What};

// ANCHOR: state
/// A task: it runs for `ticks`, and spawns `spawns` when it starts.
struct Job {
    name: &'static str,
    ticks: u64,
    spawns: Vec<Job>,
    /// It runs on the blocking pool (`spawn_blocking`), not on a worker.
    offloaded: bool,
}

fn job(name: &'static str, ticks: u64, spawns: Vec<Job>) -> Job {
    Job {
        name,
        ticks,
        spawns,
        offloaded: false,
    }
}

struct Worker {
    name: &'static str,
    /// Its own run queue: it takes from the front.
    local: VecDeque<Job>,
    /// Until when it runs its current job.
    busy_until: u64,
    /// It found nothing to run, and said so.
    idle: bool,
}
// ANCHOR_END: state

/// Where a worker found its next job.
enum Found {
    Own,
    Global,
    Stolen {
        victim: usize,
        names: Vec<&'static str>,
    },
}

// ANCHOR: next_job
/// What worker `me` runs next: the front of its own queue, else the front
/// of the global queue, else what it steals from the other worker.
fn next_job(workers: &mut [Worker], me: usize, global: &mut VecDeque<Job>) -> Option<(Job, Found)> {
    if let Some(job) = workers[me].local.pop_front() {
        return Some((job, Found::Own));
    }
    if let Some(job) = global.pop_front() {
        return Some((job, Found::Global));
    }
    let victim = (me + 1) % workers.len();
    let theirs = &mut workers[victim].local;
    // Half, rounded up so that one waiting job can be stolen too; from
    // the front, the oldest, as tokio takes them.
    let half = theirs.len() - theirs.len() / 2;
    let stolen: Vec<Job> = theirs.drain(..half).collect();
    let names = stolen.iter().map(|job| job.name).collect();
    workers[me].local.extend(stolen);
    let job = workers[me].local.pop_front()?;
    Some((job, Found::Stolen { victim, names }))
}
// ANCHOR_END: next_job

/// The trace, and the time and worker its next line is stamped with.
struct Log<'t> {
    trace: &'t Trace,
    now: Arc<Mutex<Stamp>>,
}

impl Log<'_> {
    fn say(&self, time: u64, who: &str, text: impl Display) {
        *self.now.lock().unwrap() = Stamp {
            time,
            task: who.into(),
        };
        self.trace.say(text);
    }

    fn event(&self, time: u64, who: &str, what: What) {
        self.trace.event(|| Event {
            time,
            task: who.into(),
            what,
        });
    }
}

/// The threads kept for blocking work, outside the workers.
const POOL: &str = "blocking pool";

// ANCHOR: tick
/// Worker `me` is free at `time`: it starts its next job, or goes idle.
/// A job for the blocking pool is handed over, and the worker looks again
/// (`running`: it is already running, at this instant).
fn take_a_job(
    log: &Log,
    time: u64,
    workers: &mut [Worker],
    me: usize,
    global: &mut VecDeque<Job>,
    pool_busy_until: &mut u64,
    running: bool,
) {
    let name = workers[me].name;
    let say = |text: String| log.say(time, name, text);
    let event = |what| {
        if !(running && what == What::Runs) {
            log.event(time, name, what)
        }
    };
    let Some((job, found)) = next_job(workers, me, global) else {
        if !workers[me].idle {
            workers[me].idle = true; // said once, not at every tick
            event(What::Runs);
            say("has nothing to run or steal".into());
            event(What::Waits { on: "work".into() });
        }
        return;
    };
    workers[me].idle = false;
    event(What::Runs);
    let from = match found {
        Found::Own => "its own queue",
        Found::Global => "the global queue",
        Found::Stolen { victim, names } => {
            say(format!(
                "steals {} from {}",
                names.join(", "),
                workers[victim].name
            ));
            "what it stole"
        }
    };
    let ticks = if job.ticks == 1 { "tick" } else { "ticks" };
    if job.offloaded {
        say(format!(
            "hands {} to the blocking pool, from {from}",
            job.name
        ));
        log.event(time, POOL, What::Runs);
        log.say(
            time,
            POOL,
            format!("runs {} for {} {ticks}", job.name, job.ticks),
        );
        *pool_busy_until = time + job.ticks;
        log.event(
            time,
            POOL,
            What::Busy {
                until: *pool_busy_until,
            },
        );
        // The worker is free at once: it looks for another job.
        return take_a_job(log, time, workers, me, global, pool_busy_until, true);
    }
    say(format!(
        "runs {} for {} {ticks}, from {from}",
        job.name, job.ticks
    ));
    if !job.spawns.is_empty() {
        let names: Vec<&str> = job.spawns.iter().map(|child| child.name).collect();
        say(format!(
            "{} spawns {} onto this worker's queue",
            job.name,
            names.join(", ")
        ));
        workers[me].local.extend(job.spawns);
    }
    let until = time + job.ticks;
    workers[me].busy_until = until;
    event(What::Busy { until });
}
// ANCHOR_END: tick

// ANCHOR: main
/// The long job `C` on a worker.
pub fn main(t: &Trace) {
    run(t, false);
}

/// The long job `C` on the blocking pool, as with `spawn_blocking`.
pub fn offloaded(t: &Trace) {
    run(t, true);
}

fn run(t: &Trace, offload_c: bool) {
    let now = Arc::new(Mutex::new(Stamp {
        time: 0,
        task: "main".into(),
    }));
    let stamp = now.clone();
    t.set_stamper(move || stamp.lock().unwrap().clone());
    let log = Log { trace: t, now };

    let worker = |name| Worker {
        name,
        local: VecDeque::new(),
        busy_until: 0,
        idle: false,
    };
    let mut workers = [worker("worker 1"), worker("worker 2")];
    // A spawns four tasks as it starts; C takes longer than the others.
    let c = Job {
        offloaded: offload_c,
        ..job("C", 2, vec![])
    };
    let children = vec![
        c,
        job("D", 1, vec![]),
        job("E", 1, vec![]),
        job("F", 1, vec![]),
    ];
    let mut global = VecDeque::from([job("A", 1, children), job("B", 1, vec![])]);
    log.say(
        0,
        "main",
        "spawns A, B from outside the workers: onto the global queue",
    );

    let mut time = 0;
    let mut pool_busy_until = 0;
    while !global.is_empty()
        || pool_busy_until > time
        || workers
            .iter()
            .any(|w| !w.local.is_empty() || w.busy_until > time)
    {
        for me in 0..workers.len() {
            if workers[me].busy_until <= time {
                let pool = &mut pool_busy_until;
                take_a_job(&log, time, &mut workers, me, &mut global, pool, false);
            }
        }
        time += 1;
    }
    for worker in &workers {
        log.event(time, worker.name, What::Done);
    }
    if offload_c {
        log.event(time, POOL, What::Done);
    }
    log.say(time, "main", "every task has run");
}
// ANCHOR_END: main
