//! Whom the loop ran, in what order: a program on the workbook's loop
//! against its Python twin on CPython's. A trace only shows the turns in
//! which a task said something; this compares every turn, so that a loop
//! that took a silent turn CPython did not (or skipped one) is caught
//! even when the lines agree.
//!
//! Ours come from the timeline events (`What::Runs`); CPython's from the
//! records `_trace.run` writes with `TRACE_STEPS=file`: each callback it
//! ran, of which the steps and wake-ups of tasks are the turns
//! (`Task.__step(B)`, `Task.__wakeup(A)`). The callbacks in between (a
//! timer's, gather's) are CPython's hops, which our loops fold into the
//! turns they lead to.

use std::path::Path;
use std::process::Command;

use trace::Trace;
use trace::timeline::What;

/// One turn: the time, and the task that ran.
pub type Turn = (u64, String);

/// The turns `program` gave its tasks, on its loop.
pub fn our_turns(program: impl FnOnce(&Trace)) -> Vec<Turn> {
    let t = Trace::new();
    t.record_timeline();
    program(&t);
    let mut turns = Vec::new();
    let mut blocked: Vec<String> = Vec::new();
    for event in t.events() {
        match event.what {
            // A blocking call ends inside the same turn: the timeline
            // starts a new bar there, the loop gave no new turn.
            What::Runs if blocked.contains(&event.task) => {
                blocked.retain(|task| *task != event.task);
            }
            What::Runs => turns.push((event.time, event.task)),
            What::Blocks { .. } => blocked.push(event.task),
            _ => {}
        }
    }
    turns
}

/// What `twin` (a `python/<name>.py`) printed, run as verify runs a
/// twin, from its own folder, with `env` added; or why it failed.
pub fn run_twin(twin: &Path, env: &[(&str, &std::ffi::OsStr)]) -> Result<String, String> {
    let mut command = Command::new("python3");
    command
        .arg(twin)
        .current_dir(twin.parent().unwrap_or(Path::new(".")))
        .env("PYTHONDONTWRITEBYTECODE", "1");
    for (name, value) in env {
        command.env(name, value);
    }
    let out = command
        .output()
        .map_err(|e| format!("python3 could not be started: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{} failed: {}",
            twin.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("{} printed no UTF-8: {e}", twin.display()))
}

/// Whether python3 can run twins that import `modules` (none: python3
/// itself). If not, a test says so and checks nothing, unless
/// `WB_REQUIRE_PYPI=1` (set by `.ci/run` once it has installed them)
/// makes that a failure.
pub fn can_run_twins(modules: &[&str], checking: &str) -> bool {
    let import: String = modules.iter().map(|m| format!("import {m}\n")).collect();
    let why = match Command::new("python3").args(["-c", &import]).output() {
        Err(e) => format!("python3 could not be started ({e})"),
        Ok(out) if !out.status.success() => format!("python3 has no {}", modules.join(", ")),
        Ok(_) => return true,
    };
    assert!(
        std::env::var("WB_REQUIRE_PYPI").as_deref() != Ok("1"),
        "WB_REQUIRE_PYPI=1, but {why}"
    );
    eprintln!("skipped: {why}, so {checking} were not checked");
    false
}

/// The trace `twin` (`crates/<crate>/python/<name>.py`) must print: its
/// snapshot, `crates/<crate>/snapshots/<name>.snap`, from line 5.
pub fn twin_snapshot(twin: &Path) -> Result<String, String> {
    let name = twin.file_stem().unwrap_or_default().to_string_lossy();
    let snap = twin
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."))
        .join("snapshots")
        .join(format!("{name}.snap"));
    let text = std::fs::read_to_string(&snap).map_err(|e| format!("{}: {e}", snap.display()))?;
    manifest::snapshot_body(&text)
        .map(str::to_string)
        .ok_or_else(|| format!("{} has lost its 4-line header", snap.display()))
}

/// The turns CPython gave the tasks of `twin`, or why they could not be
/// had.
pub fn cpython_turns(twin: &Path) -> Result<Vec<Turn>, String> {
    let records = std::env::temp_dir().join(format!(
        "wb-steps-{}-{}.jsonl",
        std::process::id(),
        twin.file_stem().unwrap_or_default().to_string_lossy()
    ));
    run_twin(twin, &[("TRACE_STEPS", records.as_os_str())])?;
    let text = std::fs::read_to_string(&records)
        .map_err(|e| format!("{} wrote no steps: {e}", twin.display()));
    let _ = std::fs::remove_file(&records);
    let mut turns = Vec::new();
    for line in text?.lines() {
        let record: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("a step record: {e}: {line}"))?;
        let ran = record["ran"].as_str().unwrap_or("");
        let task = ["Task.__step(", "Task.__wakeup("]
            .iter()
            .find_map(|kind| ran.strip_prefix(kind)?.strip_suffix(')'));
        if let Some(task) = task {
            turns.push((record["time"].as_u64().unwrap_or(0), task.to_string()));
        }
    }
    Ok(turns)
}

/// Where two lists of turns first part, said for a person; `None` if
/// they are the same.
pub fn first_difference(ours: &[Turn], cpython: &[Turn]) -> Option<String> {
    let at = ours
        .iter()
        .zip(cpython)
        .position(|(a, b)| a != b)
        .or((ours.len() != cpython.len()).then(|| ours.len().min(cpython.len())))?;
    let show = |turns: &[Turn]| {
        let shown: Vec<String> = turns[at.min(turns.len())..]
            .iter()
            .take(4)
            .map(|(time, task)| format!("{task} at {time}"))
            .collect();
        if shown.is_empty() {
            "nothing more".to_string()
        } else {
            shown.join(", ")
        }
    };
    Some(format!(
        "turn {} of {} differs: our loop ran {}; CPython ran {}",
        at + 1,
        ours.len().max(cpython.len()),
        show(ours),
        show(cpython)
    ))
}

/// A program of a chapter, by the name of its Python twin.
pub type Named<'a> = (&'a str, fn(&Trace));

/// Checks a chapter's programs, each against `python/<name>.py` in
/// `crate_dir`: the same turns, except the programs named in `differ`,
/// which must differ (each with why, for the reader of the test). Needs
/// python3 (see [`can_run_twins`]).
pub fn check_programs(crate_dir: &Path, programs: &[Named], differ: &[(&str, &str)]) {
    if !can_run_twins(&[], "the twins' turns") {
        return;
    }
    let mut wrong = Vec::new();
    for (name, program) in programs {
        let twin = crate_dir.join("python").join(format!("{name}.py"));
        let cpython = match cpython_turns(&twin) {
            Ok(turns) => turns,
            Err(why) => {
                wrong.push(format!("{name}: {why}"));
                continue;
            }
        };
        let difference = first_difference(&our_turns(program), &cpython);
        let expected_to_differ = differ.iter().any(|(n, _)| n == name);
        match (difference, expected_to_differ) {
            (Some(difference), false) => wrong.push(format!("{name}: {difference}")),
            (None, true) => wrong.push(format!(
                "{name}: takes the same turns as its twin now; take it off the list of those that differ"
            )),
            _ => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turns(list: &[(u64, &str)]) -> Vec<Turn> {
        list.iter().map(|(t, n)| (*t, n.to_string())).collect()
    }

    #[test]
    fn the_same_turns_have_no_difference() {
        let a = turns(&[(0, "main"), (0, "A")]);
        assert_eq!(first_difference(&a, &a), None);
    }

    #[test]
    fn a_swapped_pair_is_found_where_it_is() {
        let ours = turns(&[(0, "main"), (0, "A"), (0, "B")]);
        let cpython = turns(&[(0, "main"), (0, "B"), (0, "A")]);
        assert_eq!(
            first_difference(&ours, &cpython).unwrap(),
            "turn 2 of 3 differs: our loop ran A at 0, B at 0; CPython ran B at 0, A at 0"
        );
    }

    #[test]
    fn a_turn_more_is_a_difference() {
        let ours = turns(&[(0, "main")]);
        let cpython = turns(&[(0, "main"), (1, "main")]);
        assert_eq!(
            first_difference(&ours, &cpython).unwrap(),
            "turn 2 of 2 differs: our loop ran nothing more; CPython ran main at 1"
        );
    }

    #[test]
    fn a_blocking_call_is_one_turn() {
        let t = |t: &Trace| {
            t.event(|| trace::timeline::Event {
                time: 0,
                task: "main".into(),
                what: What::Runs,
            });
            t.event(|| trace::timeline::Event {
                time: 0,
                task: "main".into(),
                what: What::Blocks { until: 3 },
            });
            t.event(|| trace::timeline::Event {
                time: 3,
                task: "main".into(),
                what: What::Runs,
            });
        };
        assert_eq!(our_turns(t), turns(&[(0, "main")]));
    }
}
