//! CPython's side: `cpython/bench.py`, run as a `python3` subprocess, one
//! process per measurement, the way `cargo wb verify` runs the Python
//! twins (crates/external). The script is compiled into the bench
//! (`include_str!`) and given to `python3 -c`, so the bench runs from any
//! folder.

use std::time::Duration;

use external::python::{self, Failure};

use crate::Measured;

/// The script, as `python3 -c` takes it.
pub const SCRIPT: &str = include_str!("../cpython/bench.py");

/// How long one measurement may take before the bench gives up on it.
const TIMEOUT: Duration = Duration::from_secs(600);

/// A Python interpreter to run the workloads on.
#[derive(Clone, Debug)]
pub struct Python {
    /// The command: `python3` (found on `PATH`) unless `--python` says.
    pub command: String,
}

impl Python {
    pub fn new(command: &str) -> Python {
        Python {
            command: command.to_string(),
        }
    }

    /// `CPython 3.11.7`, or why there is no Python to run: then the bench
    /// says so, and compares the Rust runtimes only.
    pub fn version(&self) -> Result<String, String> {
        let said = self.run(&["sleep_ticks", "0", "0", "1000"])?;
        let version = value(&said, "python")
            .ok_or_else(|| format!("{} did not say its version", self.command))?;
        if value(&said, "ticks") != Some("536") {
            return Err(format!(
                "{} runs cpython/bench.py, but its sleep_ticks differs from the Rust side's",
                self.command
            ));
        }
        Ok(version.to_string())
    }

    /// Run one workload: `args` are the script's arguments.
    pub fn measure(&self, args: &[String]) -> Result<Measured, String> {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let said = self.run(&args)?;
        let number = |key: &str| {
            value(&said, key).ok_or_else(|| format!("cpython/bench.py said no {key}:\n{said}"))
        };
        let seconds: f64 = number("seconds")?
            .parse()
            .map_err(|e| format!("seconds: {e}"))?;
        let ops: u64 = number("ops")?.parse().map_err(|e| format!("ops: {e}"))?;
        let peak_bytes = match value(&said, "peak_bytes") {
            None | Some("none") => None,
            Some(peak) => Some(peak.parse().map_err(|e| format!("peak_bytes: {e}"))?),
        };
        Ok(Measured {
            seconds,
            ops,
            peak_bytes,
        })
    }

    /// What the script printed, or why it could not run.
    fn run(&self, args: &[&str]) -> Result<String, String> {
        let mut command = python::command(&self.command);
        command.arg("-c").arg(SCRIPT).args(args);
        let finished = python::run(command, TIMEOUT).map_err(|failure| match failure {
            Failure::NotStarted(error) if error.kind() == std::io::ErrorKind::NotFound => {
                format!("{} was not found on PATH", self.command)
            }
            Failure::NotStarted(error) => format!("{} could not be started: {error}", self.command),
            Failure::TimedOut => format!(
                "cpython/bench.py {} took more than {} s",
                args.join(" "),
                TIMEOUT.as_secs()
            ),
            Failure::Lost(error) => error.to_string(),
        })?;
        if !finished.status.success() {
            let stderr = finished.stderr.trim_end();
            let last = stderr.lines().last().unwrap_or("");
            return Err(format!(
                "cpython/bench.py {} failed ({}): {last}",
                args.join(" "),
                finished.status
            ));
        }
        Ok(finished.stdout)
    }
}

/// The value of `key` in the script's `key value` lines.
fn value<'a>(said: &'a str, key: &str) -> Option<&'a str> {
    said.lines().find_map(|line| {
        let (k, v) = line.split_once(' ')?;
        (k == key).then_some(v.trim())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_python_is_an_answer_not_a_failure() {
        let python = Python::new("/nonexistent/python3");
        let why = python.version().unwrap_err();
        assert!(why.contains("was not found"), "{why}");
        let why = python.measure(&["send".into(), "10".into()]).unwrap_err();
        assert!(why.contains("was not found"), "{why}");
    }

    #[test]
    fn the_script_runs_each_workload_when_python3_is_there() {
        let python = Python::new("python3");
        let Ok(version) = python.version() else {
            return; // no Python here: the bench says so (test above)
        };
        assert!(version.contains('3'), "{version}");
        let run = |args: &[&str]| {
            let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            python.measure(&args).unwrap()
        };
        assert_eq!(run(&["ping", "10", "3"]).ops, 30);
        assert!(run(&["ping", "10", "3", "--memory"]).peak_bytes.unwrap() > 0);
        assert_eq!(run(&["sleepers", "10", "2", "50", "0.000001"]).ops, 20);
        assert_eq!(run(&["send", "100"]).ops, 100);
        assert_eq!(run(&["echo", "2", "3"]).ops, 6);
    }

    #[test]
    fn values_are_read_by_key() {
        let said = "seconds 0.5\nops 10\npeak_bytes none\npython CPython 3.11.7\n";
        assert_eq!(value(said, "ops"), Some("10"));
        assert_eq!(value(said, "python"), Some("CPython 3.11.7"));
        assert_eq!(value(said, "cpu"), None);
    }
}
