//! The workloads, on the Rust runtimes: genloop, aio, and tokio's
//! current-thread runtime. (CPython's side is `cpython/bench.py`.)
//!
//! Each function runs its workload once and times it from inside: from
//! just before the first task is created to just after the last one has
//! been awaited, so that building and tearing down the runtime is not
//! counted, as on the Python side. Nothing is said to the trace: a
//! program that says a line pays for a string and a lock, and that is not
//! what is measured here.

use std::hint::black_box;
use std::time::Instant;

use crate::{Measured, alloc};

/// No step budget: the benchmarks resume tasks millions of times on
/// purpose ([`aio::STEP_BUDGET`] is there to stop a learner's runaway loop).
const NO_BUDGET: u64 = u64::MAX;

/// `ping`: `tasks` tasks that each give way `yields` times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ping {
    pub tasks: usize,
    pub yields: usize,
}

impl Ping {
    /// Task switches: one for each time a task gives way.
    pub fn switches(&self) -> u64 {
        (self.tasks * self.yields) as u64
    }
}

/// `sleepers`: `tasks` tasks that each sleep `sleeps` times, for
/// 1 to `max_ticks` ticks each ([`sleep_ticks`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sleepers {
    pub tasks: usize,
    pub sleeps: usize,
    pub max_ticks: u64,
}

impl Sleepers {
    /// Timer events: one for each sleep that ends.
    pub fn events(&self) -> u64 {
        (self.tasks * self.sleeps) as u64
    }
}

/// How long task `task` sleeps the `sleep`-th time: 1 to `max_ticks`,
/// pseudo-random but the same in every runtime (`cpython/bench.py` has the
/// same function): splitmix64 of `task << 20 | sleep`.
pub fn sleep_ticks(task: usize, sleep: usize, max_ticks: u64) -> u64 {
    let mut z = ((task as u64) << 20 | sleep as u64).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    1 + z % max_ticks
}

/// `echo`: `clients` clients that each send `messages` lines, one at a
/// time, and wait for each answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Echo {
    pub clients: usize,
    pub messages: usize,
}

impl Echo {
    /// Round trips: a line sent and its answer read.
    pub fn round_trips(&self) -> u64 {
        (self.clients * self.messages) as u64
    }
}

fn timed(start: Instant, ops: u64, base: usize) -> Measured {
    let seconds = start.elapsed().as_secs_f64();
    Measured {
        seconds,
        ops,
        peak_bytes: alloc::peak_since(base),
    }
}

pub mod genloop_side {
    //! The workloads on chapter 4's loop of generators.
    use super::*;

    pub fn ping(p: Ping) -> Result<Measured, String> {
        let trace = trace::Trace::new();
        genloop::try_run_with_budget(&trace, NO_BUDGET, move |cx| async move {
            let base = alloc::start();
            let start = Instant::now();
            let (mut tasks, yields) = (Vec::with_capacity(p.tasks), p.yields);
            for _ in 0..p.tasks {
                let task = cx
                    .spawn("ping", move |cx| async move {
                        for _ in 0..yields {
                            cx.yield_now().await;
                        }
                    })
                    .await;
                tasks.push(task);
            }
            for task in &tasks {
                cx.join(task).await;
            }
            timed(start, p.switches(), base)
        })
        .map_err(|error| error.to_string())
    }

    pub fn sleepers(s: Sleepers) -> Result<Measured, String> {
        let trace = trace::Trace::new();
        genloop::try_run_with_budget(&trace, NO_BUDGET, move |cx| async move {
            let base = alloc::start();
            let start = Instant::now();
            let (sleeps, max_ticks) = (s.sleeps, s.max_ticks);
            let mut tasks = Vec::with_capacity(s.tasks);
            for n in 0..s.tasks {
                let task = cx
                    .spawn("sleeper", move |cx| async move {
                        for i in 0..sleeps {
                            cx.sleep(sleep_ticks(n, i, max_ticks)).await;
                        }
                    })
                    .await;
                tasks.push(task);
            }
            for task in &tasks {
                cx.join(task).await;
            }
            timed(start, s.events(), base)
        })
        .map_err(|error| error.to_string())
    }
}

pub mod aio_side {
    //! The workloads on aio, the loop of chapters 5 and 6.
    use super::*;

    pub fn ping(p: Ping) -> Result<Measured, String> {
        let trace = trace::Trace::new();
        aio::try_run_with_budget(&trace, NO_BUDGET, async move {
            let base = alloc::start();
            let start = Instant::now();
            let yields = p.yields;
            let tasks: Vec<_> = (0..p.tasks)
                .map(|_| {
                    aio::spawn("ping", async move {
                        for _ in 0..yields {
                            aio::yield_now().await;
                        }
                    })
                })
                .collect();
            for task in tasks {
                task.await;
            }
            timed(start, p.switches(), base)
        })
        .map_err(|error| error.to_string())
    }

    pub fn sleepers(s: Sleepers) -> Result<Measured, String> {
        let trace = trace::Trace::new();
        aio::try_run_with_budget(&trace, NO_BUDGET, async move {
            let base = alloc::start();
            let start = Instant::now();
            let (sleeps, max_ticks) = (s.sleeps, s.max_ticks);
            let tasks: Vec<_> = (0..s.tasks)
                .map(|n| {
                    aio::spawn("sleeper", async move {
                        for i in 0..sleeps {
                            aio::sleep(sleep_ticks(n, i, max_ticks)).await;
                        }
                    })
                })
                .collect();
            for task in tasks {
                task.await;
            }
            timed(start, s.events(), base)
        })
        .map_err(|error| error.to_string())
    }
}

pub mod echo;
pub mod floor;

pub mod send {
    //! One generator, resumed with a value again and again: a running
    //! total, as chapter 2's coroutines keep one.
    use super::*;
    use genawaiter::GeneratorState;
    use genawaiter::rc::Gen;

    /// `resumes` resumes of a genawaiter (rc) generator.
    pub fn genawaiter(resumes: u64) -> Measured {
        let mut total = Gen::new(|co| async move {
            let mut total = 0u64;
            loop {
                let value: u64 = co.yield_(total).await;
                total = total.wrapping_add(value);
            }
        });
        total.resume_with(0); // priming: genawaiter drops this value
        let start = Instant::now();
        let mut last = 0;
        for i in 0..resumes {
            match total.resume_with(black_box(i)) {
                GeneratorState::Yielded(sum) => last = sum,
                GeneratorState::Complete(()) => unreachable!("it never returns"),
            }
        }
        black_box(last);
        Measured {
            seconds: start.elapsed().as_secs_f64(),
            ops: resumes,
            peak_bytes: None,
        }
    }

    /// The same generator as a state machine written by hand (chapter 1's
    /// "What yield saves you"): an enum of where it stopped.
    pub enum RunningTotal {
        NotStarted,
        AtYield { total: u64 },
    }

    impl RunningTotal {
        /// Resume it with `value`; what it yields next.
        #[inline(never)]
        pub fn resume_with(&mut self, value: u64) -> u64 {
            match *self {
                // Priming: the first value is dropped, as in genawaiter.
                RunningTotal::NotStarted => {
                    *self = RunningTotal::AtYield { total: 0 };
                    0
                }
                RunningTotal::AtYield { total } => {
                    let total = total.wrapping_add(value);
                    *self = RunningTotal::AtYield { total };
                    total
                }
            }
        }
    }

    /// `resumes` resumes of the hand-written state machine; a call that is
    /// not inlined, so that each resume is one.
    pub fn state_machine(resumes: u64) -> Measured {
        let mut total = RunningTotal::NotStarted;
        total.resume_with(0);
        let start = Instant::now();
        let mut last = 0;
        for i in 0..resumes {
            last = black_box(&mut total).resume_with(black_box(i));
        }
        black_box(last);
        Measured {
            seconds: start.elapsed().as_secs_f64(),
            ops: resumes,
            peak_bytes: None,
        }
    }
}

#[cfg(feature = "tokio")]
pub mod tokio_side {
    //! The same workloads on tokio's current-thread runtime: one thread,
    //! as our loops, and as asyncio.
    use super::*;
    use std::time::Duration;
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    use tokio::runtime::{Builder, Runtime};

    fn runtime(builder: &mut Builder) -> Result<Runtime, String> {
        builder
            .build()
            .map_err(|e| format!("tokio's runtime did not start: {e}"))
    }

    pub fn ping(p: Ping) -> Result<Measured, String> {
        // No timer and no I/O driver: the lightest current-thread runtime.
        let rt = runtime(&mut Builder::new_current_thread())?;
        rt.block_on(async move {
            let base = alloc::start();
            let start = Instant::now();
            let yields = p.yields;
            let tasks: Vec<_> = (0..p.tasks)
                .map(|_| {
                    tokio::spawn(async move {
                        for _ in 0..yields {
                            tokio::task::yield_now().await;
                        }
                    })
                })
                .collect();
            for task in tasks {
                task.await.map_err(|e| e.to_string())?;
            }
            Ok(timed(start, p.switches(), base))
        })
    }

    /// On a paused clock, which tokio moves to the next timer when every
    /// task waits: virtual time, one tick a millisecond.
    pub fn sleepers(s: Sleepers) -> Result<Measured, String> {
        let rt = runtime(
            Builder::new_current_thread()
                .enable_time()
                .start_paused(true),
        )?;
        rt.block_on(async move {
            let base = alloc::start();
            let start = Instant::now();
            let (sleeps, max_ticks) = (s.sleeps, s.max_ticks);
            let tasks: Vec<_> = (0..s.tasks)
                .map(|n| {
                    tokio::spawn(async move {
                        for i in 0..sleeps {
                            let ticks = sleep_ticks(n, i, max_ticks);
                            tokio::time::sleep(Duration::from_millis(ticks)).await;
                        }
                    })
                })
                .collect();
            for task in tasks {
                task.await.map_err(|e| e.to_string())?;
            }
            Ok(timed(start, s.events(), base))
        })
    }

    async fn handle(mut stream: tokio::net::TcpStream) -> std::io::Result<()> {
        let (reader, mut writer) = stream.split();
        let mut reader = BufReader::new(reader);
        let mut line = String::new();
        loop {
            line.clear();
            if reader.read_line(&mut line).await? == 0 {
                return Ok(()); // the client closed its side
            }
            writer.write_all(line.to_uppercase().as_bytes()).await?;
        }
    }

    /// Chapter 6's server, written on tokio.
    async fn serve(listener: tokio::net::TcpListener, clients: usize) -> std::io::Result<()> {
        for _ in 1..=clients {
            let (stream, _) = listener.accept().await?;
            stream.set_nodelay(true)?; // as aio's and asyncio's sockets
            tokio::spawn(handle(stream));
        }
        Ok(())
    }

    /// A client's socket: tokio's `BufReader` passes writes through.
    impl super::echo::LineSocket for BufReader<tokio::net::TcpStream> {
        async fn send(&mut self, line: &str) -> std::io::Result<()> {
            self.write_all(line.as_bytes()).await
        }

        async fn receive(&mut self, line: &mut String) -> std::io::Result<usize> {
            self.read_line(line).await
        }
    }

    async fn client(addr: std::net::SocketAddr, n: usize, messages: usize) -> Result<(), String> {
        let stream = tokio::net::TcpStream::connect(addr)
            .await
            .map_err(|e| e.to_string())?;
        stream.set_nodelay(true).map_err(|e| e.to_string())?;
        let mut socket = BufReader::new(stream);
        super::echo::converse(&mut socket, n, messages).await?;
        socket.shutdown().await.map_err(|e| e.to_string())
    }

    pub fn echo(e: Echo) -> Result<Measured, String> {
        let rt = runtime(Builder::new_current_thread().enable_io())?;
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .map_err(|e| e.to_string())?;
            let addr = listener.local_addr().map_err(|e| e.to_string())?;
            let base = alloc::start();
            let start = Instant::now();
            let server = tokio::spawn(serve(listener, e.clients));
            let clients: Vec<_> = (1..=e.clients)
                .map(|n| tokio::spawn(client(addr, n, e.messages)))
                .collect();
            for client in clients {
                client.await.map_err(|e| e.to_string())??;
            }
            server
                .await
                .map_err(|e| e.to_string())?
                .map_err(|e| e.to_string())?;
            Ok(timed(start, e.round_trips(), base))
        })
    }
}

#[cfg(test)]
mod tests {
    //! Each workload once, tiny: it runs, and counts what it did. Nothing
    //! here is timed.
    use super::*;

    const PING: Ping = Ping {
        tasks: 20,
        yields: 5,
    };
    const SLEEPERS: Sleepers = Sleepers {
        tasks: 20,
        sleeps: 3,
        max_ticks: 50,
    };
    const ECHO: Echo = Echo {
        clients: 3,
        messages: 4,
    };

    #[test]
    fn sleep_ticks_are_in_range_and_the_same_as_python() {
        // cpython/bench.py's `sleep_ticks` gives the same (`cpython.rs`
        // checks it when python3 is there).
        const EXPECTED: [u64; 3] = [536, 208, 867];
        assert_eq!(
            [
                sleep_ticks(0, 0, 1000),
                sleep_ticks(1, 2, 1000),
                sleep_ticks(9999, 9, 1000)
            ],
            EXPECTED
        );
        for task in 0..100 {
            for sleep in 0..10 {
                assert!((1..=7).contains(&sleep_ticks(task, sleep, 7)));
            }
        }
    }

    #[test]
    fn ping_runs_on_every_runtime() {
        assert_eq!(genloop_side::ping(PING).unwrap().ops, 100);
        assert_eq!(aio_side::ping(PING).unwrap().ops, 100);
        assert_eq!(floor::ping(PING).unwrap().ops, 100);
        #[cfg(feature = "tokio")]
        assert_eq!(tokio_side::ping(PING).unwrap().ops, 100);
    }

    #[test]
    fn sleepers_run_on_every_runtime() {
        assert_eq!(genloop_side::sleepers(SLEEPERS).unwrap().ops, 60);
        assert_eq!(aio_side::sleepers(SLEEPERS).unwrap().ops, 60);
        #[cfg(feature = "tokio")]
        assert_eq!(tokio_side::sleepers(SLEEPERS).unwrap().ops, 60);
    }

    #[test]
    fn send_resumes_both_generators() {
        assert_eq!(send::genawaiter(10).ops, 10);
        assert_eq!(send::state_machine(10).ops, 10);
        let mut total = send::RunningTotal::NotStarted;
        let yielded: Vec<u64> = [7, 1, 2, 3].map(|v| total.resume_with(v)).to_vec();
        assert_eq!(yielded, [0, 1, 3, 6], "the first value is dropped");
    }

    #[test]
    fn echo_serves_every_client() {
        assert_eq!(echo::on_aio(ECHO).unwrap().ops, 12);
        #[cfg(feature = "tokio")]
        assert_eq!(tokio_side::echo(ECHO).unwrap().ops, 12);
    }

    #[test]
    fn no_memory_is_reported_without_the_counting_allocator() {
        // Test binaries keep the system allocator.
        assert_eq!(aio_side::ping(PING).unwrap().peak_bytes, None);
    }
}
