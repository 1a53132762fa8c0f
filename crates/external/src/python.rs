//! Running a Python program to its end, within a time limit, and keeping
//! what it printed.

use std::ffi::OsStr;
use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How often a running program is asked whether it has ended.
const POLL: Duration = Duration::from_millis(5);

/// A program that ran to its end, with what it printed.
#[derive(Debug)]
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

/// Why a program did not run to its end.
#[derive(Debug)]
pub enum Failure {
    /// It could not be started (`ErrorKind::NotFound`: no such program).
    NotStarted(std::io::Error),
    /// It was still running at the time limit, and was killed.
    TimedOut,
    /// Asking whether it had ended failed.
    Lost(std::io::Error),
}

/// `python` as the workbook runs it: no `__pycache__` left beside the
/// programs, UTF-8 whatever the locale, nothing on stdin. Add the
/// program and its arguments.
pub fn command(python: impl AsRef<OsStr>) -> Command {
    let mut command = Command::new(python);
    command
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONUTF8", "1")
        .stdin(Stdio::null());
    command
}

/// Whether `python --version` runs and succeeds.
pub fn found(python: impl AsRef<OsStr>) -> bool {
    Command::new(python)
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success())
}

/// Runs `command` (made by [`command`]) to its end, or kills it after
/// `limit`. Both streams are read while it runs, so that a full pipe
/// never stalls it.
pub fn run(mut command: Command, limit: Duration) -> Result<Finished, Failure> {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(Failure::NotStarted)?;
    let stdout = read_all(child.stdout.take().expect("piped"));
    let stderr = read_all(child.stderr.take().expect("piped"));
    let status = wait(&mut child, limit)?;
    Ok(Finished {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

fn read_all(mut from: impl Read + Send + 'static) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        let _ = from.read_to_string(&mut text);
        text
    })
}

fn wait(child: &mut Child, limit: Duration) -> Result<ExitStatus, Failure> {
    let deadline = Instant::now() + limit;
    loop {
        match child.try_wait().map_err(Failure::Lost)? {
            Some(status) => return Ok(status),
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Failure::TimedOut);
            }
            None => std::thread::sleep(POLL),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_python_cannot_be_started() {
        let missing = "/nonexistent/python3";
        assert!(!found(missing));
        match run(command(missing), Duration::from_secs(1)) {
            Err(Failure::NotStarted(e)) => assert_eq!(e.kind(), std::io::ErrorKind::NotFound),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_program_is_run_to_its_end_or_killed() {
        if !found("python3") {
            return; // nothing to run here; the test above covers the rest
        }
        let mut says = command("python3");
        says.args([
            "-c",
            "import sys; print('out'); print('é', file=sys.stderr); sys.exit(3)",
        ]);
        let finished = run(says, Duration::from_secs(60)).unwrap();
        assert_eq!(finished.status.code(), Some(3));
        assert_eq!(
            (finished.stdout.as_str(), finished.stderr.as_str()),
            ("out\n", "é\n")
        );
        let mut sleeps = command("python3");
        sleeps.args(["-c", "import time; time.sleep(30)"]);
        assert!(matches!(
            run(sleeps, Duration::from_millis(200)),
            Err(Failure::TimedOut)
        ));
    }
}
