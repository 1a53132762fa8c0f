//! Runs the Python twins in `tests/python/` and compares what each prints
//! with the trace aio gives for the same program. Shared by the test files
//! that pin aio's order to CPython's (`cpython.rs`, `coordination.rs`).

use std::path::Path;
use std::process::{Command, Stdio};

/// Run every twin (`tests/python/<name>.py`) and fail, listing each one
/// that does not print its expected trace. Without `python3` 3.11 or later
/// (which has `asyncio.TaskGroup` and `asyncio.timeout`), say so and pass:
/// these tests are about agreeing with CPython, not about aio alone.
pub fn assert_twins_agree(twins: &[(&str, &str)], from: &str) {
    let Some(interpreter) = interpreter() else {
        eprintln!("python3 (3.11 or later) not found: the Python twins of {from} were not run");
        return;
    };
    // In parallel: `python3` may be a shim that is slow to start.
    let running: Vec<_> = twins
        .iter()
        .map(|(name, _)| python(&interpreter, name).spawn())
        .collect();
    let mut disagreements = Vec::new();
    for ((name, expected), child) in twins.iter().zip(running) {
        let actual = printed(child.and_then(|child| child.wait_with_output()));
        if actual != *expected {
            disagreements.push(format!(
                "tests/python/{name}.py printed:\n{actual}\nexpected (what aio says):\n{expected}"
            ));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

/// The interpreter `python3` runs, if it is 3.11 or later. Asked once:
/// `python3` may be a shim (pyenv's is a shell script) that takes longer to
/// start than the program takes to run.
fn interpreter() -> Option<String> {
    let output = Command::new("python3")
        .args([
            "-c",
            "import sys; print(sys.executable if sys.version_info >= (3, 11) else '')",
        ])
        .output()
        .ok()?;
    let path = String::from_utf8_lossy(&output.stdout).trim().to_string();
    (output.status.success() && !path.is_empty()).then_some(path)
}

fn python(interpreter: &str, name: &str) -> Command {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python");
    let mut command = Command::new(interpreter);
    command
        .arg(format!("{name}.py"))
        .current_dir(dir)
        .env("PYTHONDONTWRITEBYTECODE", "1") // no __pycache__ in the tree
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// What a finished Python program printed, or why it failed.
fn printed(output: std::io::Result<std::process::Output>) -> String {
    match output {
        Ok(output) if output.status.success() => String::from_utf8_lossy(&output.stdout).into(),
        Ok(output) => format!("(failed) {}", String::from_utf8_lossy(&output.stderr)),
        Err(error) => format!("(did not run) {error}"),
    }
}
