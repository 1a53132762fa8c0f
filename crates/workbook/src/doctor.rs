//! `cargo wb doctor`: what is wrong with this checkout, and the command
//! that fixes each thing.
//!
//! It looks, and never repairs: each problem comes with a command for the
//! learner to run. No command it suggests can lose a learner's work: the
//! `git checkout` commands name only the workbook's own files (snapshots,
//! tests, originals), or an exercise file that is missing, which git then
//! only creates.
//!
//! The answer key (the snapshots) and the tests are compared with the
//! committed version where the workbook is a git checkout: a snapshot
//! edited by hand, or rewritten by a stray `cargo insta accept`, would
//! otherwise turn a wrong answer into the expected one without a word.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::Result;
use external::{chromium, python};
use manifest::{MANIFEST_FILE, Workbook};

use crate::paths::{self, rel};
use crate::progress::{Cache, PROGRESS_FILE};
use crate::style;
use crate::{exercise_tests, reset};

/// Something wrong, and the command that puts it right (if there is one).
struct Problem {
    what: String,
    fix: Vec<String>,
}

fn problem(what: impl Into<String>, fix: &[String]) -> Problem {
    Problem {
        what: what.into(),
        fix: fix.to_vec(),
    }
}

pub fn run(here: &Path) -> Result<ExitCode> {
    let Some(root) = Workbook::find_root(here) else {
        println!(
            "{} not inside a workbook: no {MANIFEST_FILE} in {} or any folder above it",
            style::red("✗"),
            here.display()
        );
        println!(
            "    fix: cd into the workbook's folder (the one with {MANIFEST_FILE}), then run `cargo wb doctor` again"
        );
        return Ok(ExitCode::FAILURE);
    };
    println!("cargo wb doctor: the workbook in {}\n", root.display());
    let git = Git::at(&root);
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    let wb = match Workbook::load(&root) {
        Ok(wb) => {
            ok(&format!(
                "{MANIFEST_FILE}: {} chapters, {} exercises",
                wb.chapters.len(),
                wb.exercises().count()
            ));
            Some(wb)
        }
        Err(e) => {
            let fix = match &git {
                Some(g) if g.changed(MANIFEST_FILE) => {
                    vec![format!("git checkout HEAD -- {MANIFEST_FILE}")]
                }
                _ => Vec::new(),
            };
            problems.push(problem(
                format!("{MANIFEST_FILE} cannot be read: {e}"),
                &fix,
            ));
            None
        }
    };
    problems.extend(toolchain(&root));
    if let Some(wb) = &wb {
        problems.extend(exercise_files(wb, git.as_ref()));
        match &git {
            Some(git) => problems.extend(answer_key(wb, git)),
            None => notes.push(
                "not a git checkout: the snapshots and tests cannot be compared with a committed version"
                    .to_string(),
            ),
        }
        problems.extend(tests_in_place(wb, git.as_ref()));
        problems.extend(not_as_given_out(&root, git.as_ref()));
        problems.extend(leftover_snapshots(wb));
        problems.extend(progress_cache(wb));
    }
    notes.extend(tools_for_verify());

    for p in &problems {
        println!("  {} {}", style::red("✗"), p.what);
        for fix in &p.fix {
            println!("      fix: {fix}");
        }
    }
    for note in &notes {
        println!("  {} {note}", style::yellow("·"));
    }
    println!();
    if problems.is_empty() {
        println!("{}", style::green("Nothing wrong found."));
        Ok(ExitCode::SUCCESS)
    } else {
        println!(
            "{}: run each `fix:` command in {} (none of them touches your work in exercises/).",
            crate::progress::plural(problems.len(), "problem", "problems"),
            root.display()
        );
        println!(
            "(Maintainers: a snapshot or test you changed on purpose shows here until you commit it.)"
        );
        Ok(ExitCode::FAILURE)
    }
}

fn ok(what: &str) {
    println!("  {} {what}", style::green("✓"));
}

/// The workspace's `rust-version` against `rustc --version`.
fn toolchain(root: &Path) -> Vec<Problem> {
    let needed = std::fs::read_to_string(root.join("Cargo.toml"))
        .ok()
        .and_then(|t| t.parse::<toml::Table>().ok())
        .and_then(|t| {
            let v = t.get("workspace")?.get("package")?.get("rust-version")?;
            Some(v.as_str()?.to_string())
        });
    let out = Command::new("rustc")
        .arg("--version")
        .current_dir(root)
        .output();
    let Ok(out) = out
        .map_err(|_| ())
        .and_then(|o| if o.status.success() { Ok(o) } else { Err(()) })
    else {
        return vec![problem(
            "rustc not found: the workbook needs the Rust toolchain",
            &["install it from https://rustup.rs, then open a new terminal".to_string()],
        )];
    };
    let said = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let version = said.split_whitespace().nth(1).unwrap_or("");
    match &needed {
        Some(needed) if older(version, needed) => vec![problem(
            format!("{said} is older than the Rust {needed} the workbook needs"),
            &["rustup update stable".to_string()],
        )],
        Some(needed) => {
            ok(&format!("{said} (the workbook needs {needed} or newer)"));
            Vec::new()
        }
        None => {
            ok(&said);
            Vec::new()
        }
    }
}

/// Whether version `have` (`1.87.0`, `1.90.0-nightly`) is older than `need` (`1.88`).
fn older(have: &str, need: &str) -> bool {
    let numbers = |v: &str| -> Vec<u32> {
        v.split(['-', '+'])
            .next()
            .unwrap_or("")
            .split('.')
            .map(|n| n.parse().unwrap_or(0))
            .collect()
    };
    let (mut have, mut need) = (numbers(have), numbers(need));
    let len = have.len().max(need.len());
    have.resize(len, 0);
    need.resize(len, 0);
    have < need
}

/// Every exercise file the manifest names is there.
fn exercise_files(wb: &Workbook, git: Option<&Git>) -> Vec<Problem> {
    let root = &wb.root;
    if !root.join("exercises").is_dir() {
        let mut fix = Vec::new();
        if git.is_some_and(|g| g.tracked("exercises")) {
            fix.push("git checkout HEAD -- exercises   (your last committed versions; the folder is gone, so nothing is overwritten)".to_string());
        }
        fix.push(
            "or, one exercise at a time as it came: cargo wb reset ID   (ids: `cargo wb list`)"
                .into(),
        );
        return vec![problem(
            "exercises/ is missing: it holds the files you edit",
            &fix,
        )];
    }
    let mut problems = Vec::new();
    let mut found = 0;
    for (chapter, exercise) in wb.exercises() {
        if chapter.exercise_file(root, exercise).is_file() {
            found += 1;
            continue;
        }
        let (id, file) = (&exercise.id, chapter.exercise_path_for_humans(exercise));
        let mut fix = Vec::new();
        if !reset::backups(root, exercise).is_empty() {
            fix.push(format!(
                "cargo wb reset --restore {id}   (the newest version `cargo wb reset` kept)"
            ));
        }
        if git.is_some_and(|g| g.tracked(&file)) {
            fix.push(format!(
                "git checkout HEAD -- {file}   (your last committed version)"
            ));
        }
        if chapter.stub_file(root, exercise).is_file() {
            fix.push(format!("cargo wb reset {id}   (the exercise as it came)"));
        }
        problems.push(problem(
            format!("{file} is missing: the file of exercise `{id}`"),
            &fix,
        ));
    }
    if problems.is_empty() {
        ok(&format!("exercises/: all {found} exercise files are there"));
    }
    problems
}

/// The snapshots, the chapters' test files and the originals (`stubs/`),
/// compared with the last commit.
fn answer_key(wb: &Workbook, git: &Git) -> Vec<Problem> {
    let changed = changed_answer_key(wb, git);
    if changed.is_empty() {
        ok("snapshots, tests and originals (stubs/) are as committed");
    }
    changed
        .into_iter()
        .map(|c| {
            let fix = format!("git checkout HEAD -- {}", c.path);
            let fix = if c.untracked {
                vec![format!("rm {}   (it is not part of the workbook)", c.path)]
            } else {
                vec![fix]
            };
            problem(c.describe(wb), &fix)
        })
        .collect()
}

/// A workbook file that differs from the last commit.
pub struct Changed {
    /// Relative to the workbook's root, with `/`.
    pub path: String,
    pub deleted: bool,
    pub untracked: bool,
}

impl Changed {
    fn describe(&self, wb: &Workbook) -> String {
        let path = &self.path;
        let how = if self.untracked {
            "is new: it is not in the committed workbook"
        } else if self.deleted {
            "is missing: it is in the committed workbook"
        } else {
            "differs from the committed version"
        };
        if path.ends_with(".snap") {
            let whose = snapshot_owner(wb, path)
                .map(|id| format!("the answer key of exercise `{id}`"))
                .unwrap_or_else(|| "an expected output".into());
            format!("{path} {how} ({whose}): edited by hand, or accepted by `cargo insta accept`?")
        } else if path.starts_with("stubs/") {
            format!("{path} {how} (the original `cargo wb reset` restores)")
        } else {
            format!("{path} {how} (the tests that check your exercises)")
        }
    }
}

/// The exercise whose snapshot `path` is (`<id>.snap` or `<id>_<what>.snap`).
fn snapshot_owner<'a>(wb: &'a Workbook, path: &str) -> Option<&'a str> {
    let stem = Path::new(path).file_stem()?.to_string_lossy().into_owned();
    wb.exercises()
        .map(|(_, e)| e.id.as_str())
        .filter(|id| stem == *id || stem.starts_with(&format!("{id}_")))
        .max_by_key(|id| id.len())
}

/// The answer-key files that git says changed; none outside a git checkout.
pub fn changed_answer_key(wb: &Workbook, git: &Git) -> Vec<Changed> {
    let mut paths = vec!["stubs".to_string()];
    // A chapter not committed yet (being written) has nothing to compare with.
    let committed = git
        .output(&["ls-files", "--", "crates/*/Cargo.toml"])
        .unwrap_or_default();
    for chapter in wb.chapters.iter().filter(|c| c.has_crate()) {
        let name = chapter.crate_name();
        if !committed
            .lines()
            .any(|l| l == format!("crates/{name}/Cargo.toml"))
        {
            continue;
        }
        paths.push(format!("crates/{name}/snapshots"));
        paths.push(format!("crates/{name}/tests/exercises.rs"));
        paths.push(format!("crates/{name}/tests/demos.rs"));
    }
    let mut changed = Vec::new();
    if let Some(out) = git.output(
        &[
            &["diff", "--relative", "--name-status", "HEAD", "--"],
            &paths_ref(&paths)[..],
        ]
        .concat(),
    ) {
        for line in out.lines() {
            let Some((status, path)) = line.split_once('\t') else {
                continue;
            };
            changed.push(Changed {
                path: path.to_string(),
                deleted: status.starts_with('D'),
                untracked: false,
            });
        }
    }
    // New files where only committed ones belong: snapshots, and test files.
    if let Some(out) = git.output(
        &[
            &["ls-files", "--others", "--exclude-standard", "--"],
            &paths_ref(&paths)[..],
        ]
        .concat(),
    ) {
        for path in out.lines().filter(|p| p.ends_with(".snap")) {
            changed.push(Changed {
                path: path.to_string(),
                deleted: false,
                untracked: true,
            });
        }
    }
    changed
}

fn paths_ref(paths: &[String]) -> Vec<&str> {
    paths.iter().map(String::as_str).collect()
}

/// The files that decide results and differ from `workbook.sums`: what
/// was given out, whatever was committed since.
fn not_as_given_out(root: &Path, git: Option<&Git>) -> Vec<Problem> {
    let Some(found) = crate::sums::differences(root) else {
        return Vec::new();
    };
    // The workbook as it was given out: where this copy came from.
    let upstream = git
        .and_then(|g| {
            g.output(&[
                "rev-parse",
                "--abbrev-ref",
                "--symbolic-full-name",
                "@{upstream}",
            ])
        })
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "origin/HEAD".to_string());
    found
        .iter()
        .map(|d| {
            let fix = match d.how {
                "added" => format!("rm {}   (it was not in the workbook)", d.file),
                _ => format!("git checkout {upstream} -- {}   (as the workbook was given out)", d.file),
            };
            problem(
                format!(
                    "{d}: not as the workbook was given out ({}), so results in this copy may not be the workbook's",
                    crate::sums::FILE
                ),
                &[fix],
            )
        })
        .collect()
}

/// For `cargo wb check` and `verify`: one line if the answer key differs
/// from git, pointing to `cargo wb doctor`.
pub fn answer_key_note(wb: &Workbook) -> Option<String> {
    let git = Git::at(&wb.root)?;
    let changed = changed_answer_key(wb, &git);
    let first = changed.first()?;
    let others = match changed.len() {
        1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    Some(format!(
        "note: {}{others} differs from the committed version: the answer key or its tests changed; `cargo wb doctor` says how to put it back",
        first.path
    ))
}

/// Each test the manifest names is in the chapter's tests/exercises.rs:
/// a test a learner deleted (or renamed) would otherwise never fail.
fn tests_in_place(wb: &Workbook, git: Option<&Git>) -> Vec<Problem> {
    let mut problems = Vec::new();
    for chapter in wb.chapters.iter().filter(|c| c.has_crate()) {
        let file = format!("crates/{}/tests/exercises.rs", chapter.crate_name());
        let text = std::fs::read_to_string(wb.root.join(&file)).unwrap_or_default();
        let fix: Vec<String> = match git {
            Some(g) if g.tracked(&file) => vec![format!("git checkout HEAD -- {file}")],
            _ => vec!["get the workbook's files again from whoever gave it to you (your exercises/ are yours to keep)".into()],
        };
        for exercise in &chapter.exercises {
            let missing: Vec<&str> = exercise
                .tests
                .iter()
                .filter(|t| !exercise_tests::has_test(&text, t))
                .map(String::as_str)
                .collect();
            if !missing.is_empty() {
                problems.push(problem(
                    format!(
                        "{file} lacks the test{} {} of exercise `{}` (workbook.toml lists {}): edited or deleted",
                        if missing.len() == 1 { "" } else { "s" },
                        missing.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", "),
                        exercise.id,
                        if missing.len() == 1 { "it" } else { "them" },
                    ),
                    &fix,
                ));
            }
        }
    }
    if problems.is_empty() {
        ok("every test workbook.toml names is in its chapter's tests/exercises.rs");
    }
    problems
}

/// `.snap.new` and `.pending-snap` files: what `cargo insta accept` would
/// turn into the answer key. Tests never read them.
fn leftover_snapshots(wb: &Workbook) -> Vec<Problem> {
    let mut problems = Vec::new();
    for chapter in wb.chapters.iter().filter(|c| c.has_crate()) {
        let files = paths::entries(&chapter.snapshot_dir(&wb.root))
            .into_iter()
            .filter(|p| {
                let name = p.file_name().unwrap_or_default().to_string_lossy();
                name.ends_with(".snap.new") || name.ends_with(".pending-snap")
            });
        for file in files {
            let shown = rel(&wb.root, &file);
            problems.push(problem(
                format!("{shown} is what a test printed, not the answer key; `cargo insta accept` would make it one"),
                &[format!("rm {shown}")],
            ));
        }
    }
    problems
}

/// `.workbook/progress` can be read and written.
fn progress_cache(wb: &Workbook) -> Vec<Problem> {
    let root = &wb.root;
    let mut problems = Vec::new();
    problems.extend(progress_not_a_file(root));
    let (mut cache, notes) = Cache::load(root);
    for note in notes {
        problems.push(problem(
            note,
            &[format!(
                "rm {PROGRESS_FILE}   (it only forgets: the tests run again)"
            )],
        ));
    }
    let forgotten = cache.forget_unknown(wb);
    if !forgotten.is_empty() {
        problems.push(problem(
            format!(
                "{PROGRESS_FILE} remembers {} that workbook.toml no longer has; `cargo wb` forgets {} by itself once it can save",
                crate::progress::plural(forgotten.len(), "exercise", "exercises"),
                if forgotten.len() == 1 { "it" } else { "them" },
            ),
            &[format!("rm {PROGRESS_FILE}   (it only forgets: the tests run again)")],
        ));
    }
    if let Err(why) = writable(&root.join(".workbook")) {
        problems.push(problem(
            format!(".workbook/ cannot be written ({why}): `cargo wb` cannot save your progress, the hints you saw, or what `reset` keeps"),
            &["make the workbook's folder yours and writable: chmod -R u+w .workbook   (or clone the workbook to a folder you own)".to_string()],
        ));
    }
    if problems.is_empty() {
        ok(&format!(
            "{PROGRESS_FILE}: readable, and .workbook/ is writable"
        ));
    }
    problems
}

/// `.workbook/progress` is there but is no file (a folder, say): it reads
/// as no progress at all, and `cargo wb` cannot save over it.
fn progress_not_a_file(root: &Path) -> Option<Problem> {
    let path = root.join(PROGRESS_FILE);
    // Through a link, as reading it goes; a link to nothing is no problem
    // (saving replaces the link).
    let meta = std::fs::metadata(&path).ok()?;
    if meta.is_file() {
        return None;
    }
    let link = path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    let (what, fix) = if link {
        (
            "is a link to something that is not a file",
            format!(
                "rm {PROGRESS_FILE}   (removes the link only; it only forgets: the tests run again)"
            ),
        )
    } else if meta.is_dir() && paths::entries(&path).is_empty() {
        (
            "is an empty folder, not a file",
            format!("rmdir {PROGRESS_FILE}   (it only forgets: the tests run again)"),
        )
    } else if meta.is_dir() {
        (
            "is a folder, not a file",
            format!(
                "mv {PROGRESS_FILE} {PROGRESS_FILE}-folder   (moves it aside, with what is in it)"
            ),
        )
    } else {
        (
            "is not a regular file",
            format!("rm {PROGRESS_FILE}   (it only forgets: the tests run again)"),
        )
    };
    Some(problem(
        format!(
            "{PROGRESS_FILE} {what}: `cargo wb` cannot read or save your progress in it, so the tests run again every time"
        ),
        &[fix],
    ))
}

/// Try to write in `dir` (created if missing, as `cargo wb` would).
fn writable(dir: &Path) -> Result<(), String> {
    if dir.exists() && !dir.is_dir() {
        return Err("it is a file, not a folder".into());
    }
    // Not created here: doctor only looks. Its parent will hold it.
    let dir = if dir.is_dir() {
        dir
    } else {
        dir.parent().unwrap_or(dir)
    };
    let probe = dir.join(format!("doctor-probe-{}", std::process::id()));
    std::fs::write(&probe, b"").map_err(|e| e.to_string())?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// What `cargo wb verify` uses besides Rust: notes, not problems (a
/// learner needs neither).
fn tools_for_verify() -> Vec<String> {
    let mut notes = Vec::new();
    if !python::found("python3") {
        notes.push("python3 not found: `cargo wb verify` skips its python check (only maintainers need it)".into());
    }
    // Found as the browser check finds it, so that the two never disagree.
    if chromium::find().is_err() {
        notes.push("no chromium found: the book's layout checks in a browser are skipped (only maintainers need them)".into());
    }
    notes
}

/// git, run in the workbook's root; only where it is a git checkout of
/// the workbook (its workbook.toml is committed).
pub struct Git {
    root: PathBuf,
}

impl Git {
    pub fn at(root: &Path) -> Option<Git> {
        let git = Git {
            root: root.to_path_buf(),
        };
        git.output(&["rev-parse", "--verify", "--quiet", "HEAD"])?;
        // Inside someone else's repository (a copy under an ignored
        // `target/`), git knows nothing of this workbook's files.
        git.output(&["ls-files", "--error-unmatch", "--", MANIFEST_FILE])?;
        Some(git)
    }

    fn output(&self, args: &[&str]) -> Option<String> {
        let out = Command::new("git")
            .args(args)
            .current_dir(&self.root)
            .env("GIT_OPTIONAL_LOCKS", "0") // a status must not block a commit
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Whether the last commit has `path` (a file, or files under a folder).
    fn tracked(&self, path: &str) -> bool {
        self.output(&["ls-tree", "-r", "--name-only", "HEAD", "--", path])
            .is_some_and(|out| !out.trim().is_empty())
    }

    fn changed(&self, path: &str) -> bool {
        self.output(&["diff", "--quiet", "HEAD", "--", path])
            .is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_by_number() {
        assert!(older("1.87.0", "1.88"));
        assert!(!older("1.88.0", "1.88"));
        assert!(!older("1.100.0-nightly", "1.88"));
        assert!(older("1.9.0", "1.88"));
    }
}
