//! One workload on one runtime, once, for a profiler:
//!
//! ```console
//! cargo build --release -p bench --example profile
//! valgrind --tool=callgrind target/release/examples/profile aio ping 1000 100
//! callgrind_annotate callgrind.out.* | head -40
//! ```
//!
//! `RUNTIME WORKLOAD [SIZES…]`: `genloop|aio|tokio|floor ping TASKS YIELDS`,
//! `genloop|aio|tokio sleepers TASKS SLEEPS MAX_TICKS`,
//! `aio|tokio echo CLIENTS MESSAGES`, `genawaiter|state_machine send RESUMES`.
//! Prints what it measured, which under valgrind is slow and means little:
//! callgrind's instruction counts are the point.

use bench::workloads::{self, Echo, Ping, Sleepers};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n = |i: usize, default: usize| -> usize {
        args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default)
    };
    let ping = Ping {
        tasks: n(2, 1000),
        yields: n(3, 100),
    };
    let sleepers = Sleepers {
        tasks: n(2, 10_000),
        sleeps: n(3, 10),
        max_ticks: n(4, 1000) as u64,
    };
    let echo = Echo {
        clients: n(2, 100),
        messages: n(3, 100),
    };
    let what = (
        args.first().map_or("aio", String::as_str),
        args.get(1).map_or("ping", String::as_str),
    );
    let measured = match what {
        ("genloop", "ping") => workloads::genloop_side::ping(ping),
        ("aio", "ping") => workloads::aio_side::ping(ping),
        ("floor", "ping") => workloads::floor::ping(ping),
        ("genloop", "sleepers") => workloads::genloop_side::sleepers(sleepers),
        ("aio", "sleepers") => workloads::aio_side::sleepers(sleepers),
        ("aio", "echo") => workloads::echo::on_aio(echo),
        #[cfg(feature = "tokio")]
        ("tokio", "ping") => workloads::tokio_side::ping(ping),
        #[cfg(feature = "tokio")]
        ("tokio", "sleepers") => workloads::tokio_side::sleepers(sleepers),
        #[cfg(feature = "tokio")]
        ("tokio", "echo") => workloads::tokio_side::echo(echo),
        ("genawaiter", "send") => Ok(workloads::send::genawaiter(n(2, 1_000_000) as u64)),
        ("state_machine", "send") => Ok(workloads::send::state_machine(n(2, 1_000_000) as u64)),
        _ => Err(format!(
            "no such pair: {what:?} (see the comment in examples/profile.rs)"
        )),
    };
    match measured {
        Ok(m) => println!(
            "{} ops in {:.3} s: {:.1} ns each",
            m.ops,
            m.seconds,
            m.nanos_per_op()
        ),
        Err(why) => {
            eprintln!("{why}");
            std::process::exit(1);
        }
    }
}
