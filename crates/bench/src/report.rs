//! The results as a table for people (the book includes it), and as JSON
//! for programs, which also says which of the maintainers' performance
//! targets the run met. The targets are not the book's business: the
//! table says only what was measured.

use std::fmt::Write as _;

use crate::suite::{Results, Row, Runtime, Unit, thousands};
use trace::json_string as string;

/// A goal from the issue, and whether this run met it.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub what: String,
    /// `None`: not measured (a runtime or a row missing).
    pub met: Option<bool>,
    /// The measured figure, as the table shows it.
    pub measured: String,
}

/// The targets: aio and genloop against CPython and tokio.
pub fn targets(results: &Results) -> Vec<Target> {
    let mut targets = Vec::new();
    let mut ratio =
        |what: String, row: Option<&Row>, ours: Runtime, than: Runtime, at_least: f64| {
            if row.is_none() {
                return; // that workload did not run (--only)
            }
            let speedup = row.and_then(|row| row.speedup(ours, than));
            targets.push(Target {
                what,
                met: speedup.map(|s| s >= at_least),
                measured: speedup.map_or("not measured".into(), |s| format!("{}x", ratio_text(s))),
            });
        };
    let row = |key: &str| results.rows.iter().find(|r| r.key == key);
    for ping in &results.sizes.ping {
        let key = format!("ping_{}", ping.tasks);
        let tasks = thousands(ping.tasks as u64);
        for ours in [Runtime::Aio, Runtime::Genloop] {
            ratio(
                format!("{} >= 100x CPython asyncio, ping {tasks}", ours.name()),
                row(&key),
                ours,
                Runtime::Asyncio,
                100.0,
            );
        }
        ratio(
            format!("aio >= 2x tokio current-thread, ping {tasks}"),
            row(&key),
            Runtime::Aio,
            Runtime::Tokio,
            2.0,
        );
    }
    for ours in [Runtime::Genloop, Runtime::Aio] {
        ratio(
            format!("{} >= 20x CPython asyncio, sleepers", ours.name()),
            row("sleepers"),
            ours,
            Runtime::Asyncio,
            20.0,
        );
        ratio(
            format!("{} >= 1x tokio (paused clock), sleepers", ours.name()),
            row("sleepers"),
            ours,
            Runtime::Tokio,
            1.0,
        );
    }
    if let Some(largest) = results.sizes.ping.iter().map(|p| p.tasks).max() {
        let key = format!("ping_{largest}");
        for ours in [Runtime::Aio, Runtime::Genloop] {
            let Some(ping_row) = row(&key) else {
                continue; // ping did not run (--only)
            };
            let bytes = ping_row.bytes_per_task(ours);
            targets.push(Target {
                what: format!(
                    "{} <= 256 bytes per task, ping {}",
                    ours.name(),
                    thousands(largest as u64)
                ),
                met: bytes.map(|b| b <= 256.0),
                measured: bytes.map_or("not measured".into(), |b| format!("{b:.0} bytes")),
            });
        }
    }
    targets
}

/// A ratio with the precision it deserves: 0.52, 3.44, 57, 1,234.
pub fn ratio_text(ratio: f64) -> String {
    if ratio >= 100.0 {
        thousands(ratio.round() as u64)
    } else if ratio >= 10.0 {
        format!("{ratio:.0}")
    } else {
        // Two decimals: 1.96 must not read as a 2 that meets a target.
        format!("{ratio:.2}")
    }
}

/// 12.3 M, 456 k, 789: three significant figures or so.
pub fn amount(value: f64) -> String {
    let (scaled, suffix) = if value >= 1e9 {
        (value / 1e9, " G")
    } else if value >= 1e6 {
        (value / 1e6, " M")
    } else if value >= 1e4 {
        (value / 1e3, " k")
    } else {
        (value, "")
    };
    let digits = if scaled >= 100.0 {
        0
    } else if scaled >= 10.0 {
        1
    } else {
        2
    };
    format!("{scaled:.digits$}{suffix}")
}

/// The table, as the terminal and the book show it.
pub fn table(results: &Results) -> String {
    let mut out = String::new();
    let o = &results.options;
    let _ = writeln!(
        out,
        "How fast is our loop? Median of {} run{}, interleaved{}.",
        o.runs,
        if o.runs == 1 { "" } else { "s" },
        if o.quick { ", --quick sizes" } else { "" }
    );
    let _ = writeln!(out, "machine: {}", results.machine.line());
    let _ = writeln!(
        out,
        "CPython: {}",
        match &results.python {
            Ok(version) => version.clone(),
            Err(why) => format!("not available ({why}): no ratios to it"),
        }
    );
    let _ = writeln!(
        out,
        "tokio:   {}",
        match &results.tokio {
            Ok(what) => what.clone(),
            Err(why) => format!("not available ({why}): no ratios to it"),
        }
    );
    let _ = writeln!(
        out,
        "xasyncio, xtokio: how many times faster than CPython and tokio (higher is better)."
    );
    for row in &results.rows {
        out.push('\n');
        let memory = row.tasks.is_some();
        let _ = write!(
            out,
            "{:<44}{:>12}{:>10}{:>8}",
            row.title,
            row.unit.label(),
            if row.cpython() == Some(Runtime::PythonGenerator) {
                "xCPython"
            } else {
                "xasyncio"
            },
            "xtokio"
        );
        if memory {
            let _ = write!(out, "{:>10}{:>12}", "peak heap", "bytes/task");
        }
        out.push('\n');
        for outcome in &row.outcomes {
            let name = format!("  {}", outcome.runtime.name());
            if !outcome.is_available() {
                let why = outcome.unavailable.as_deref().unwrap_or("no result");
                let _ = writeln!(out, "{name:<44}not available: {why}");
                continue;
            }
            let score = row.score(outcome.runtime).map_or("?".into(), amount);
            let vs = |than: Option<Runtime>| {
                than.and_then(|than| row.speedup(outcome.runtime, than))
                    .map_or("-".to_string(), ratio_text)
            };
            let tokio = row.outcome(Runtime::Tokio).map(|_| Runtime::Tokio);
            let _ = write!(
                out,
                "{name:<44}{score:>12}{:>10}{:>8}",
                vs(row.cpython()),
                vs(tokio)
            );
            if memory {
                let peak = outcome
                    .peak_bytes()
                    .map_or("?".into(), |b| format!("{:.1} MB", b as f64 / 1e6));
                let per_task = row
                    .bytes_per_task(outcome.runtime)
                    .map_or("?".into(), |b| thousands(b.round() as u64));
                let _ = write!(out, "{peak:>10}{per_task:>12}");
            }
            out.push('\n');
        }
    }
    if results.rows.iter().any(|r| r.tasks.is_some()) {
        let _ = writeln!(
            out,
            "\npeak heap: the most bytes allocated at once during the run, above what was\n\
             allocated before it (Rust: a counting global allocator; CPython: tracemalloc,\n\
             in a run of its own); bytes/task: that, divided by the tasks."
        );
    }
    let _ = writeln!(out, "\n(the bench took {:.0} s)", results.seconds);
    out
}

/// The results for a program: every sample, the medians, the ratios.
pub fn json(results: &Results) -> String {
    let mut out = String::from("{\n");
    let m = &results.machine;
    let _ = writeln!(
        out,
        "  \"machine\": {{\"cpu\": {}, \"cores\": {}, \"memory\": {}, \"system\": {}, \"rustc\": {}}},",
        string(&m.cpu),
        m.cores,
        string(&m.memory),
        string(&m.system),
        string(&m.rustc)
    );
    let _ = writeln!(
        out,
        "  \"runs\": {},\n  \"quick\": {},\n  \"seconds\": {},",
        results.options.runs,
        results.options.quick,
        number(results.seconds)
    );
    for (name, found) in [("cpython", &results.python), ("tokio", &results.tokio)] {
        let _ = writeln!(out, "  \"{name}\": {},", availability(found));
    }
    out.push_str("  \"workloads\": [\n");
    for (i, row) in results.rows.iter().enumerate() {
        let _ = writeln!(
            out,
            "    {{\"name\": {}, \"title\": {}, \"unit\": {}, \"higher_is_better\": {}, \"tasks\": {}, \"results\": [",
            string(&row.key),
            string(&row.title),
            string(&row.unit.label()),
            matches!(row.unit, Unit::PerSecond(_)),
            row.tasks.map_or("null".into(), |t| t.to_string())
        );
        for (j, outcome) in row.outcomes.iter().enumerate() {
            let runtime = outcome.runtime;
            let comma = if j + 1 < row.outcomes.len() { "," } else { "" };
            if !outcome.is_available() {
                let why = outcome.unavailable.as_deref().unwrap_or("no result");
                let _ = writeln!(
                    out,
                    "      {{\"runtime\": {}, \"available\": false, \"why\": {}}}{comma}",
                    string(runtime.key()),
                    string(why)
                );
                continue;
            }
            let samples: Vec<String> = outcome
                .samples
                .iter()
                .map(|s| {
                    format!(
                        "{{\"seconds\": {}, \"ops\": {}, \"peak_bytes\": {}}}",
                        number(s.seconds),
                        s.ops,
                        s.peak_bytes.map_or("null".into(), |b| b.to_string())
                    )
                })
                .collect();
            let opt = |v: Option<f64>| v.map_or("null".into(), number);
            let _ = writeln!(
                out,
                "      {{\"runtime\": {}, \"name\": {}, \"available\": true, \"median\": {}, \
                 \"vs_cpython\": {}, \"vs_tokio\": {}, \"peak_bytes\": {}, \"bytes_per_task\": {}, \
                 \"samples\": [{}]}}{comma}",
                string(runtime.key()),
                string(runtime.name()),
                opt(row.score(runtime)),
                opt(row.cpython().and_then(|c| row.speedup(runtime, c))),
                opt(row
                    .outcome(Runtime::Tokio)
                    .and_then(|_| row.speedup(runtime, Runtime::Tokio))),
                outcome
                    .peak_bytes()
                    .map_or("null".into(), |b| b.to_string()),
                opt(row.bytes_per_task(runtime)),
                samples.join(", ")
            );
        }
        let comma = if i + 1 < results.rows.len() { "," } else { "" };
        let _ = writeln!(out, "    ]}}{comma}");
    }
    out.push_str("  ],\n  \"targets\": [\n");
    let targets = targets(results);
    for (i, target) in targets.iter().enumerate() {
        let comma = if i + 1 < targets.len() { "," } else { "" };
        let _ = writeln!(
            out,
            "    {{\"target\": {}, \"met\": {}, \"measured\": {}}}{comma}",
            string(&target.what),
            target.met.map_or("null".into(), |m| m.to_string()),
            string(&target.measured)
        );
    }
    out.push_str("  ]\n}\n");
    out
}

fn availability(found: &Result<String, String>) -> String {
    match found {
        Ok(what) => format!("{{\"available\": true, \"version\": {}}}", string(what)),
        Err(why) => format!("{{\"available\": false, \"why\": {}}}", string(why)),
    }
}

/// A JSON number (JSON has no NaN or infinity).
fn number(value: f64) -> String {
    if value.is_finite() {
        format!("{value}")
    } else {
        "null".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Measured;
    use crate::cli::Options;
    use crate::machine::Machine;
    use crate::suite::{Outcome, Sizes};

    fn results(python: Result<String, String>) -> Results {
        let sizes = Sizes::quick();
        let ping = sizes.ping[1];
        let sample = |seconds: f64, peak: Option<u64>| Measured {
            seconds,
            ops: ping.switches(),
            peak_bytes: peak,
        };
        let outcome = |runtime, samples: Vec<Measured>| Outcome {
            runtime,
            samples,
            unavailable: None,
            memory: None,
        };
        let mut asyncio = outcome(Runtime::Asyncio, vec![sample(2.0, None)]);
        match &python {
            Ok(_) => asyncio.memory = Some(100_000_000),
            Err(why) => {
                asyncio.samples.clear();
                asyncio.unavailable = Some(why.clone());
            }
        }
        Results {
            machine: Machine::default(),
            options: Options::default(),
            python,
            tokio: Ok("tokio".into()),
            rows: vec![Row {
                key: format!("ping_{}", ping.tasks),
                title: "ping: \"quoted\"".into(),
                unit: Unit::PerSecond("switches"),
                tasks: Some(ping.tasks),
                outcomes: vec![
                    outcome(Runtime::Aio, vec![sample(0.01, Some(20_000_000))]),
                    outcome(Runtime::Tokio, vec![sample(0.04, Some(30_000_000))]),
                    asyncio,
                ],
            }],
            sizes,
            seconds: 1.0,
        }
    }

    #[test]
    fn the_table_shows_ratios_and_bytes_per_task() {
        let results = results(Ok("CPython 3.11.7".into()));
        let table = table(&results);
        let aio = table.lines().find(|l| l.starts_with("  aio")).unwrap();
        // 200 times CPython, 4 times tokio, 200 bytes a task.
        let words: Vec<&str> = aio.split_whitespace().collect();
        assert_eq!(
            words[1..],
            ["100", "M", "200", "4.00", "20.0", "MB", "200"],
            "{table}"
        );
        assert!(!table.contains("targets"), "{table}");
        let targets = targets(&results);
        let met = |what: &str| {
            targets
                .iter()
                .any(|t| t.what.starts_with(what) && t.met == Some(true))
        };
        assert!(met("aio >= 100x CPython"), "{targets:?}");
        assert!(met("aio >= 2x tokio"), "{targets:?}");
        assert!(met("aio <= 256 bytes"), "{targets:?}");
    }

    #[test]
    fn a_missing_python_is_said_and_its_ratios_are_left_out() {
        let results = results(Err("python3 was not found on PATH".into()));
        let table = table(&results);
        assert!(
            table.contains("CPython: not available (python3 was not found on PATH)"),
            "{table}"
        );
        assert!(
            table.contains("not available: python3 was not found"),
            "{table}"
        );
        let aio = table.lines().find(|l| l.starts_with("  aio")).unwrap();
        assert_eq!(aio.split_whitespace().nth(3), Some("-"), "{table}");
        let json = json(&results);
        assert!(
            json.contains(
                "\"cpython\": {\"available\": false, \"why\": \"python3 was not found on PATH\"}"
            ),
            "{json}"
        );
        assert!(json.contains("\"vs_cpython\": null"), "{json}");
        let unmeasured = targets(&results)
            .into_iter()
            .filter(|t| t.met.is_none())
            .count();
        assert!(unmeasured > 0);
    }

    #[test]
    fn json_is_balanced_and_escaped() {
        let json = json(&results(Ok("CPython 3.11.7".into())));
        assert!(
            json.contains("\"title\": \"ping: \\\"quoted\\\"\""),
            "{json}"
        );
        let depth = json.chars().try_fold(0i32, |depth, c| {
            let depth = match c {
                '{' | '[' => depth + 1,
                '}' | ']' => depth - 1,
                _ => depth,
            };
            (depth >= 0).then_some(depth)
        });
        assert_eq!(depth, Some(0), "{json}");
    }

    #[test]
    fn amounts_and_ratios_read_well() {
        assert_eq!(amount(12_345_678.0), "12.3 M");
        assert_eq!(amount(456_789.0), "457 k");
        assert_eq!(amount(789.0), "789");
        assert_eq!(amount(12.345), "12.3");
        assert_eq!(ratio_text(0.523), "0.52");
        assert_eq!(ratio_text(3.444), "3.44");
        assert_eq!(ratio_text(1234.4), "1,234");
    }
}
