//! What is measured, on what, how many times, in what order.
//!
//! Every measurement is one row and one runtime ("ping, 1,000 tasks" on
//! aio). Runs are interleaved: run 1 measures every row on every runtime,
//! then run 2 does it all again, and so on, so that a machine that gets
//! slower halfway through slows every runtime alike. The table shows the
//! median of the runs.

use std::panic::{self, AssertUnwindSafe};
use std::time::Instant;

use crate::cli::Options;
use crate::cpython::Python;
use crate::machine::Machine;
use crate::workloads::{self, Echo, Ping, Sleepers};
use crate::{Measured, Unavailable};

/// Who runs a workload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Runtime {
    Genloop,
    Aio,
    Tokio,
    Asyncio,
    /// `ping`: the least a loop of futures can do (`workloads/floor.rs`).
    Floor,
    /// `send`: a genawaiter (rc) generator.
    Genawaiter,
    /// `send`: the same generator as a hand-written state machine.
    StateMachine,
    /// `send`: a CPython generator and its `.send()`.
    PythonGenerator,
}

impl Runtime {
    pub fn name(self) -> &'static str {
        match self {
            Runtime::Genloop => "genloop",
            Runtime::Aio => "aio",
            Runtime::Tokio => "tokio current-thread",
            Runtime::Asyncio => "CPython asyncio",
            Runtime::Floor => "floor: a minimal executor",
            Runtime::Genawaiter => "genawaiter (rc)",
            Runtime::StateMachine => "state machine by hand",
            Runtime::PythonGenerator => "CPython generator",
        }
    }

    /// Its name in the JSON.
    pub fn key(self) -> &'static str {
        match self {
            Runtime::Genloop => "genloop",
            Runtime::Aio => "aio",
            Runtime::Tokio => "tokio",
            Runtime::Asyncio => "asyncio",
            Runtime::Floor => "floor",
            Runtime::Genawaiter => "genawaiter",
            Runtime::StateMachine => "state_machine",
            Runtime::PythonGenerator => "python_generator",
        }
    }

    /// CPython is what every ratio's first column compares with.
    pub fn is_cpython(self) -> bool {
        matches!(self, Runtime::Asyncio | Runtime::PythonGenerator)
    }
}

/// How a row's numbers read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Operations per second, higher is faster: `switches/s`.
    PerSecond(&'static str),
    /// Nanoseconds per operation, lower is faster: `ns/resume`.
    NanosPer(&'static str),
}

impl Unit {
    pub fn label(self) -> String {
        match self {
            Unit::PerSecond(what) => format!("{what}/s"),
            Unit::NanosPer(what) => format!("ns/{what}"),
        }
    }
}

/// One runtime's results on one row.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub runtime: Runtime,
    pub samples: Vec<Measured>,
    /// Why it has no samples (or stopped having them).
    pub unavailable: Option<Unavailable>,
    /// Heap bytes at the peak, from a run of its own (CPython's, under
    /// tracemalloc); the Rust runtimes' come with their samples.
    pub memory: Option<u64>,
}

impl Outcome {
    fn new(runtime: Runtime) -> Outcome {
        Outcome {
            runtime,
            samples: Vec::new(),
            unavailable: None,
            memory: None,
        }
    }

    pub fn is_available(&self) -> bool {
        self.unavailable.is_none() && !self.samples.is_empty()
    }

    /// The median of the samples' rates (operations per second).
    pub fn median_rate(&self) -> Option<f64> {
        median(self.samples.iter().map(Measured::rate).collect())
    }

    /// Heap bytes at the peak: the separate memory run's, else the median
    /// of the samples'.
    pub fn peak_bytes(&self) -> Option<u64> {
        self.memory.or_else(|| {
            let peaks: Vec<f64> = self
                .samples
                .iter()
                .filter_map(|s| s.peak_bytes.map(|b| b as f64))
                .collect();
            median(peaks).map(|b| b as u64)
        })
    }
}

/// The middle value (the mean of the two middle ones for an even count).
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[middle]
    } else {
        (values[middle - 1] + values[middle]) / 2.0
    })
}

/// One workload at one size: a line of the table per runtime.
#[derive(Clone, Debug)]
pub struct Row {
    /// `ping_1000`, for the JSON.
    pub key: String,
    pub title: String,
    pub unit: Unit,
    /// For ping: how many tasks, to give bytes per task.
    pub tasks: Option<usize>,
    pub outcomes: Vec<Outcome>,
}

impl Row {
    /// A row with no outcomes yet.
    fn new(key: &str, title: String, unit: Unit) -> Row {
        Row {
            key: key.to_string(),
            title,
            unit,
            tasks: None,
            outcomes: Vec::new(),
        }
    }

    fn with_tasks(self, tasks: usize) -> Row {
        Row {
            tasks: Some(tasks),
            ..self
        }
    }

    pub fn outcome(&self, runtime: Runtime) -> Option<&Outcome> {
        self.outcomes.iter().find(|o| o.runtime == runtime)
    }

    /// The number the table shows: per second, or nanoseconds per.
    pub fn score(&self, runtime: Runtime) -> Option<f64> {
        let rate = self.outcome(runtime)?.median_rate()?;
        Some(match self.unit {
            Unit::PerSecond(_) => rate,
            Unit::NanosPer(_) => 1e9 / rate,
        })
    }

    /// How many times faster `runtime` is than `than`, on medians.
    pub fn speedup(&self, runtime: Runtime, than: Runtime) -> Option<f64> {
        let (mine, theirs) = (
            self.outcome(runtime)?.median_rate()?,
            self.outcome(than)?.median_rate()?,
        );
        Some(mine / theirs)
    }

    /// The CPython runtime of this row.
    pub fn cpython(&self) -> Option<Runtime> {
        self.outcomes
            .iter()
            .map(|o| o.runtime)
            .find(|r| r.is_cpython())
    }

    pub fn bytes_per_task(&self, runtime: Runtime) -> Option<f64> {
        let peak = self.outcome(runtime)?.peak_bytes()?;
        Some(peak as f64 / self.tasks? as f64)
    }
}

/// The sizes of the workloads.
#[derive(Clone, Debug, PartialEq)]
pub struct Sizes {
    pub ping: Vec<Ping>,
    pub sleepers: Sleepers,
    /// For CPython: one tick of its real clock, in seconds.
    pub tick_seconds: f64,
    pub send: u64,
    pub echo: Echo,
}

impl Sizes {
    /// What the issue asked for.
    pub fn full() -> Sizes {
        Sizes {
            ping: vec![
                Ping {
                    tasks: 1_000,
                    yields: 100,
                },
                Ping {
                    tasks: 100_000,
                    yields: 100,
                },
            ],
            sleepers: Sleepers {
                tasks: 10_000,
                sleeps: 10,
                max_ticks: 1_000,
            },
            tick_seconds: 1e-6,
            send: 10_000_000,
            echo: Echo {
                clients: 100,
                messages: 1_000,
            },
        }
    }

    /// The same rows, smaller, for `--quick`: a minute or so.
    pub fn quick() -> Sizes {
        Sizes {
            ping: vec![
                Ping {
                    tasks: 1_000,
                    yields: 100,
                },
                Ping {
                    tasks: 100_000,
                    yields: 10,
                },
            ],
            sleepers: Sleepers {
                tasks: 10_000,
                sleeps: 3,
                max_ticks: 1_000,
            },
            tick_seconds: 1e-6,
            send: 1_000_000,
            echo: Echo {
                clients: 100,
                messages: 100,
            },
        }
    }
}

/// Everything one run of the bench found.
#[derive(Clone, Debug)]
pub struct Results {
    pub machine: Machine,
    pub options: Options,
    pub sizes: Sizes,
    /// CPython's version, or why it is not there.
    pub python: Result<String, Unavailable>,
    /// tokio, or why it is not there.
    pub tokio: Result<String, Unavailable>,
    pub rows: Vec<Row>,
    /// How long the whole bench took, in seconds.
    pub seconds: f64,
}

/// A measurement to make: which row, which runtime, and how.
struct Job {
    row: usize,
    runtime: Runtime,
    measure: Box<dyn Fn() -> Result<Measured, String>>,
}

/// Run the bench. `progress` hears what is being measured, for a
/// terminal; the results come back at the end.
pub fn run(options: &Options, mut progress: impl FnMut(&str)) -> Results {
    let started = Instant::now();
    let sizes = if options.quick {
        Sizes::quick()
    } else {
        Sizes::full()
    };
    let python = Python::new(&options.python);
    let python_version = python.version();
    let tokio: Result<String, Unavailable> = if cfg!(feature = "tokio") {
        Ok("tokio current-thread runtime".into())
    } else {
        Err("tokio is not built in (the bench was built without its `tokio` feature)".into())
    };
    let (mut rows, jobs) = plan(options, &sizes, &python);
    for row in &mut rows {
        for outcome in &mut row.outcomes {
            if outcome.runtime.is_cpython()
                && let Err(why) = &python_version
            {
                outcome.unavailable = Some(why.clone());
            }
            if outcome.runtime == Runtime::Tokio
                && let Err(why) = &tokio
            {
                outcome.unavailable = Some(why.clone());
            }
        }
    }
    for run in 1..=options.runs {
        for job in &jobs {
            let row = &mut rows[job.row];
            let outcome = row
                .outcomes
                .iter_mut()
                .find(|o| o.runtime == job.runtime)
                .expect("every job has its outcome");
            if outcome.unavailable.is_some() {
                continue;
            }
            progress(&format!(
                "run {run}/{}: {} on {}",
                options.runs,
                row.title,
                job.runtime.name()
            ));
            match catch(&job.measure) {
                Ok(measured) => outcome.samples.push(measured),
                Err(why) => outcome.unavailable = Some(format!("failed: {why}")),
            }
        }
    }
    // CPython's memory: one more run of each ping, under tracemalloc, not
    // timed (tracemalloc slows Python down).
    if python_version.is_ok() {
        for (row, ping) in rows
            .iter_mut()
            .filter(|r| r.key.starts_with("ping"))
            .zip(&sizes.ping)
        {
            progress(&format!(
                "{}: CPython's memory, under tracemalloc",
                row.title
            ));
            let args = args(&[
                "ping",
                &ping.tasks.to_string(),
                &ping.yields.to_string(),
                "--memory",
            ]);
            if let Some(outcome) = row
                .outcomes
                .iter_mut()
                .find(|o| o.runtime == Runtime::Asyncio)
                && outcome.unavailable.is_none()
            {
                match python.measure(&args) {
                    Ok(measured) => outcome.memory = measured.peak_bytes,
                    Err(why) => progress(&format!("CPython's memory was not measured: {why}")),
                }
            }
        }
    }
    Results {
        machine: Machine::describe(),
        options: options.clone(),
        sizes,
        python: python_version,
        tokio,
        rows,
        seconds: started.elapsed().as_secs_f64(),
    }
}

/// A panic in a workload is its failure, not the bench's.
fn catch(measure: &dyn Fn() -> Result<Measured, String>) -> Result<Measured, String> {
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {})); // the error says it
    let result = panic::catch_unwind(AssertUnwindSafe(measure));
    panic::set_hook(hook);
    match result {
        Ok(result) => result,
        Err(payload) => Err(payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "it panicked".into())),
    }
}

fn args(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|p| p.to_string()).collect()
}

/// Thousands with commas: 100,000.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The rows and the jobs that fill them, in the order they run.
fn plan(options: &Options, sizes: &Sizes, python: &Python) -> (Vec<Row>, Vec<Job>) {
    let wanted = |name: &str| options.only.iter().any(|w| w == name);
    let mut plan = Plan {
        rows: Vec::new(),
        jobs: Vec::new(),
        at_least: if options.quick { 0.1 } else { 0.25 },
        python,
    };
    if wanted("ping") {
        for &p in &sizes.ping {
            let title = format!(
                "ping: {} tasks x {} yields",
                thousands(p.tasks as u64),
                p.yields
            );
            let key = format!("ping_{}", p.tasks);
            plan.add(
                Row::new(&key, title, Unit::PerSecond("switches")).with_tasks(p.tasks),
                vec![
                    on(Runtime::Genloop, move || workloads::genloop_side::ping(p)),
                    on(Runtime::Aio, move || workloads::aio_side::ping(p)),
                    on(Runtime::Tokio, move || tokio_ping(p)),
                    on(Runtime::Floor, move || workloads::floor::ping(p)),
                ],
                Runtime::Asyncio,
                args(&["ping", &p.tasks.to_string(), &p.yields.to_string()]),
            );
        }
    }
    if wanted("sleepers") {
        let s = sizes.sleepers;
        let title = format!(
            "sleepers: {} tasks x {} sleeps of 1-{} ticks",
            thousands(s.tasks as u64),
            s.sleeps,
            thousands(s.max_ticks)
        );
        plan.add(
            Row::new("sleepers", title, Unit::PerSecond("events")),
            vec![
                on(Runtime::Genloop, move || {
                    workloads::genloop_side::sleepers(s)
                }),
                on(Runtime::Aio, move || workloads::aio_side::sleepers(s)),
                on(Runtime::Tokio, move || tokio_sleepers(s)),
            ],
            Runtime::Asyncio,
            args(&[
                "sleepers",
                &s.tasks.to_string(),
                &s.sleeps.to_string(),
                &s.max_ticks.to_string(),
                &format!("{:.9}", sizes.tick_seconds),
            ]),
        );
    }
    if wanted("send") {
        let n = sizes.send;
        let title = format!("send: one generator, {} resumes", thousands(n));
        plan.add(
            Row::new("send", title, Unit::NanosPer("resume")),
            vec![
                on(Runtime::Genawaiter, move || {
                    Ok(workloads::send::genawaiter(n))
                }),
                on(Runtime::StateMachine, move || {
                    Ok(workloads::send::state_machine(n))
                }),
            ],
            Runtime::PythonGenerator,
            args(&["send", &n.to_string()]),
        );
    }
    if wanted("echo") {
        let e = sizes.echo;
        let title = format!(
            "echo: {} clients x {} lines, loopback",
            e.clients,
            thousands(e.messages as u64)
        );
        plan.add(
            Row::new("echo", title, Unit::PerSecond("messages")),
            vec![
                on(Runtime::Aio, move || workloads::echo::on_aio(e)),
                on(Runtime::Tokio, move || tokio_echo(e)),
            ],
            Runtime::Asyncio,
            args(&["echo", &e.clients.to_string(), &e.messages.to_string()]),
        );
    }
    (plan.rows, plan.jobs)
}

/// A workload on a Rust runtime, measured once.
type Workload = Box<dyn Fn() -> Result<Measured, String>>;

fn on(
    runtime: Runtime,
    workload: impl Fn() -> Result<Measured, String> + 'static,
) -> (Runtime, Workload) {
    (runtime, Box::new(workload))
}

/// The rows and jobs planned so far.
struct Plan<'a> {
    rows: Vec<Row>,
    jobs: Vec<Job>,
    /// How long each Rust measurement takes at the least ([`repeated`]).
    at_least: f64,
    python: &'a Python,
}

impl Plan<'_> {
    /// A row, and its jobs: the Rust runtimes' workloads, then CPython's
    /// (`cpython/bench.py` with `python_args`), in the order they run and
    /// are shown.
    fn add(
        &mut self,
        mut row: Row,
        rust: Vec<(Runtime, Workload)>,
        cpython: Runtime,
        python_args: Vec<String>,
    ) {
        let index = self.rows.len();
        for (runtime, workload) in rust {
            row.outcomes.push(Outcome::new(runtime));
            self.jobs
                .push(job(index, runtime, repeated(self.at_least, workload)));
        }
        row.outcomes.push(Outcome::new(cpython));
        let python = self.python.clone();
        self.jobs
            .push(job(index, cpython, move || python.measure(&python_args)));
        self.rows.push(row);
    }
}

fn job(
    row: usize,
    runtime: Runtime,
    measure: impl Fn() -> Result<Measured, String> + 'static,
) -> Job {
    Job {
        row,
        runtime,
        measure: Box::new(measure),
    }
}

/// A measurement of the Rust side: the workload again and again until it
/// has taken `at_least` seconds in all, so that one that takes a few
/// milliseconds is not timed once, at the mercy of a timer tick. (CPython's
/// runs take a tenth of a second and more on their own.)
fn repeated(
    at_least: f64,
    measure: impl Fn() -> Result<Measured, String> + 'static,
) -> impl Fn() -> Result<Measured, String> + 'static {
    move || {
        let mut total = measure()?;
        while total.seconds < at_least {
            let more = measure()?;
            total.seconds += more.seconds;
            total.ops += more.ops;
            total.peak_bytes = total.peak_bytes.max(more.peak_bytes);
        }
        Ok(total)
    }
}

#[cfg(feature = "tokio")]
use workloads::tokio_side::{echo as tokio_echo, ping as tokio_ping, sleepers as tokio_sleepers};

#[cfg(not(feature = "tokio"))]
fn tokio_ping(_: Ping) -> Result<Measured, String> {
    Err("tokio is not built in".into())
}
#[cfg(not(feature = "tokio"))]
fn tokio_sleepers(_: Sleepers) -> Result<Measured, String> {
    Err("tokio is not built in".into())
}
#[cfg(not(feature = "tokio"))]
fn tokio_echo(_: Echo) -> Result<Measured, String> {
    Err("tokio is not built in".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
    }

    #[test]
    fn thousands_have_commas() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(10_000_000), "10,000,000");
    }

    fn measured(seconds: f64, ops: u64) -> Measured {
        Measured {
            seconds,
            ops,
            peak_bytes: None,
        }
    }

    #[test]
    fn each_row_measures_its_runtimes_in_the_order_it_shows_them() {
        let options = Options::default();
        let (rows, jobs) = plan(&options, &Sizes::quick(), &Python::new("python3"));
        let planned: Vec<(&str, Vec<Runtime>)> = rows
            .iter()
            .map(|r| {
                (
                    r.key.as_str(),
                    r.outcomes.iter().map(|o| o.runtime).collect(),
                )
            })
            .collect();
        use Runtime::*;
        let ping = vec![Genloop, Aio, Tokio, Floor, Asyncio];
        assert_eq!(
            planned,
            [
                ("ping_1000", ping.clone()),
                ("ping_100000", ping),
                ("sleepers", vec![Genloop, Aio, Tokio, Asyncio]),
                ("send", vec![Genawaiter, StateMachine, PythonGenerator]),
                ("echo", vec![Aio, Tokio, Asyncio]),
            ]
        );
        let in_order: Vec<(usize, Runtime)> = rows
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.outcomes.iter().map(move |o| (i, o.runtime)))
            .collect();
        let jobs: Vec<(usize, Runtime)> = jobs.iter().map(|j| (j.row, j.runtime)).collect();
        assert_eq!(jobs, in_order);
        assert_eq!(rows[0].tasks, Some(1_000));
        assert!(rows[2..].iter().all(|r| r.tasks.is_none()));
    }

    #[test]
    fn speedups_read_the_same_way_for_rates_and_nanoseconds() {
        let mut row = Row {
            key: "send".into(),
            title: "send".into(),
            unit: Unit::NanosPer("resume"),
            tasks: None,
            outcomes: vec![
                Outcome::new(Runtime::Genawaiter),
                Outcome::new(Runtime::PythonGenerator),
            ],
        };
        row.outcomes[0].samples = vec![measured(1.0, 100), measured(2.0, 100), measured(1.0, 100)];
        row.outcomes[1].samples = vec![measured(10.0, 100)];
        assert_eq!(row.score(Runtime::Genawaiter), Some(1e7));
        assert_eq!(
            row.speedup(Runtime::Genawaiter, Runtime::PythonGenerator),
            Some(10.0)
        );
        assert_eq!(row.cpython(), Some(Runtime::PythonGenerator));
        assert_eq!(row.speedup(Runtime::Genawaiter, Runtime::Tokio), None);
    }
}
