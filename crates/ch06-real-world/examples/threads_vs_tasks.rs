//! `cargo run --release -p ch06-real-world --example threads_vs_tasks`:
//! 10,000 waits at once, done with OS threads and with aio tasks. For each
//! it says how long it took to have all of them waiting, how long until
//! all were done, and how much memory they held while they waited.
//!
//! Each way runs in a process of its own (the program runs itself again
//! with `threads` or `tasks`), so that the peak memory of one does not
//! hide the other's. The memory figures come from `/proc/self/status`, so
//! they are Linux's; elsewhere they say "n/a".
//!
//! The wait itself takes no real time in either: the threads wait at a
//! barrier that opens as soon as all of them are there; the tasks sleep
//! one tick on aio's virtual clock. What is measured is the cost of having
//! 10,000 waiting things, and of starting and ending them.
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

const WAITERS: usize = 10_000;

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("threads") => report("threads", threads()),
        Some("tasks") => report("tasks", tasks()),
        _ => {
            let me = std::env::current_exe().expect("the program's own path");
            for way in ["threads", "tasks"] {
                let status = Command::new(&me).arg(way).status().expect("run again");
                assert!(status.success(), "the {way} run failed");
            }
        }
    }
}

/// What one way measured.
struct Measured {
    /// From the first spawn until all of them wait.
    all_waiting: Duration,
    /// From the first spawn until all have finished.
    all_done: Duration,
    /// Memory before the first spawn, and while all of them wait.
    before: Memory,
    waiting: Memory,
}

// ANCHOR: threads
/// 10,000 OS threads, each waiting at a barrier until all are there.
fn threads() -> Measured {
    let before = Memory::now();
    let start = Instant::now();
    let barrier = Arc::new(Barrier::new(WAITERS + 1));
    let arrived = Arc::new(AtomicUsize::new(0));
    let handles: Vec<std::thread::JoinHandle<()>> = (0..WAITERS)
        .map(|_| {
            let (barrier, arrived) = (barrier.clone(), arrived.clone());
            std::thread::spawn(move || {
                arrived.fetch_add(1, Ordering::SeqCst);
                barrier.wait();
            })
        })
        .collect();
    while arrived.load(Ordering::SeqCst) < WAITERS {
        std::thread::yield_now();
    }
    let all_waiting = start.elapsed();
    let waiting = Memory::now();
    barrier.wait(); // the last one: everybody goes on
    for handle in handles {
        handle.join().expect("a thread panicked");
    }
    Measured {
        all_waiting,
        all_done: start.elapsed(),
        before,
        waiting,
    }
}
// ANCHOR_END: threads

// ANCHOR: tasks
/// 10,000 aio tasks, each sleeping one tick.
fn tasks() -> Measured {
    let before = Memory::now();
    let start = Instant::now();
    let (all_waiting, waiting) = aio::run(&trace::Trace::new(), async move {
        let arrived = std::rc::Rc::new(std::cell::Cell::new(0));
        let tasks: Vec<aio::Task<()>> = (0..WAITERS)
            .map(|n| {
                let arrived = arrived.clone();
                aio::spawn(&n.to_string(), async move {
                    arrived.set(arrived.get() + 1);
                    aio::sleep(1).await;
                })
            })
            .collect();
        aio::yield_now().await; // every task runs once, to its sleep
        assert_eq!(arrived.get(), WAITERS);
        let measured = (start.elapsed(), Memory::now());
        aio::gather(&tasks).await;
        measured
    });
    Measured {
        all_waiting,
        all_done: start.elapsed(),
        before,
        waiting,
    }
}
// ANCHOR_END: tasks

fn report(way: &str, m: Measured) {
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    println!(
        "{WAITERS} {way}: all waiting after {}, all done after {}",
        ms(m.all_waiting),
        ms(m.all_done)
    );
    let grew = |before: Option<u64>, after: Option<u64>| match (before, after) {
        (Some(before), Some(after)) => {
            let kib = after.saturating_sub(before);
            format!(
                "+{:.1} MiB ({:.1} KiB each)",
                kib as f64 / 1024.0,
                kib as f64 / WAITERS as f64
            )
        }
        _ => "n/a".to_string(),
    };
    println!(
        "  while they wait: resident memory {}, address space {}",
        grew(m.before.rss, m.waiting.rss),
        grew(m.before.size, m.waiting.size)
    );
    let peak =
        |kib: Option<u64>| kib.map_or("n/a".into(), |k| format!("{:.1} MiB", k as f64 / 1024.0));
    println!(
        "  peak resident memory of the process: {}",
        peak(Memory::now().peak_rss)
    );
}

/// A few lines of `/proc/self/status`, in KiB.
struct Memory {
    /// VmRSS: the memory the process really uses now.
    rss: Option<u64>,
    /// VmHWM: the most it has used.
    peak_rss: Option<u64>,
    /// VmSize: its address space, reserved or not (a thread's whole stack
    /// counts here, only the pages it touched count in `rss`).
    size: Option<u64>,
}

impl Memory {
    fn now() -> Memory {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|line| line.strip_prefix(name))
                .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        };
        Memory {
            rss: field("VmRSS:"),
            peak_rss: field("VmHWM:"),
            size: field("VmSize:"),
        }
    }
}
