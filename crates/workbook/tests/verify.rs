//! `cargo wb verify` must be able to fail. Each test copies the workbook
//! (the files git would see), breaks one thing, runs the built `workbook
//! verify --only …` in the copy, and reads its verdict.
//!
//! The copies live in `target/verify-fixtures/<test>/` and share the cargo
//! target dir `target/verify-fixtures/target`, so the dependencies compile
//! once, and not in the main target dir, which the `cargo test` running
//! these tests holds locked.
//!
//! Sharing that folder takes care: cargo names a workspace crate's
//! artifacts after its path *relative to the workspace root* (so every copy
//! builds to the same files), and remembers files outside the crate (our
//! `exercises/*.rs`) by absolute path (so it may look at another copy's
//! files to decide what is fresh). Hence the tests take turns ([`TURN`]),
//! and every copied file gets a fresh modification time, so each copy
//! rebuilds its own workspace crates. (To rerun a copy by hand, give it a
//! CARGO_TARGET_DIR of its own.)

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, MutexGuard};

use manifest::Workbook;

/// The real workbook, this crate's grandparent.
fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .unwrap()
        .to_path_buf()
}

/// `target/verify-fixtures`, next to the binary under test.
fn fixtures() -> PathBuf {
    let binary = Path::new(env!("CARGO_BIN_EXE_workbook"));
    binary.ancestors().nth(2).unwrap().join("verify-fixtures")
}

/// The files of the workbook, as git sees them (untracked but not ignored
/// included, so work in progress is tested too).
fn workbook_files(root: &Path) -> Vec<PathBuf> {
    let out = Command::new("git")
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .current_dir(root)
        .output()
        .expect("git is needed to list the workbook's files");
    assert!(
        out.status.success(),
        "git ls-files failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
        .split(|b| *b == 0)
        .filter(|name| !name.is_empty())
        .map(|name| PathBuf::from(String::from_utf8_lossy(name).into_owned()))
        .filter(|name| root.join(name).is_file()) // deleted but not yet committed
        .collect()
}

/// Held by the test that is using the shared target dir.
static TURN: Mutex<()> = Mutex::new(());

/// A copy of the workbook in `target/verify-fixtures/<name>`.
struct Fixture {
    root: PathBuf,
    _turn: MutexGuard<'static, ()>,
}

impl Fixture {
    fn new(name: &str) -> Fixture {
        // A test that failed while holding the lock poisons it; the next may still run.
        let turn = TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let source = source_root();
        let root = fixtures().join(name);
        if root.exists() {
            std::fs::remove_dir_all(&root).unwrap();
        }
        for file in workbook_files(&source) {
            let (from, to) = (source.join(&file), root.join(&file));
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            // Not fs::copy, which keeps the modification time on some systems.
            std::fs::write(&to, std::fs::read(&from).unwrap()).unwrap();
        }
        Fixture { root, _turn: turn }
    }

    fn workbook(&self) -> Workbook {
        Workbook::load(&self.root).unwrap()
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    fn edit(&self, relative: &str, change: impl FnOnce(String) -> String) {
        let path = self.path(relative);
        let before = std::fs::read_to_string(&path).unwrap();
        let after = change(before.clone());
        assert_ne!(
            before, after,
            "the test meant to change {relative}, but the change did not apply"
        );
        std::fs::write(&path, after).unwrap();
    }

    /// `workbook verify --only CHECKS` in the copy: exit code and everything it printed.
    fn verify(&self, checks: &str) -> (i32, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_workbook"))
            .args(["verify", "--only", checks])
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", fixtures().join("target"))
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code().unwrap_or(-1), said)
    }
}

#[track_caller]
fn assert_says(said: &str, wanted: &str) {
    assert!(said.contains(wanted), "expected {wanted:?} in:\n{said}");
}

#[test]
fn an_unchanged_copy_passes() {
    let fixture = Fixture::new("unchanged");
    let (code, said) = fixture.verify("solutions,stubs,manifest");
    assert_says(&said, "verify: 3 passed, 0 failed");
    assert_eq!(code, 0, "{said}");
}

#[test]
fn a_solution_in_the_wrong_order_fails_the_solutions_check() {
    let fixture = Fixture::new("wrong-order");
    fixture.edit("solutions/ch01_yield/hello.rs", |s| {
        s.replace("for i in 0..5", "for i in (0..5).rev()")
    });
    let (code, said) = fixture.verify("solutions");
    assert_ne!(code, 0, "{said}");
    assert_says(
        &said,
        "FAIL solutions: ch01-yield: hello::five_greetings fails with the reference solutions",
    );
    assert_says(&said, "solutions/ch01_yield/hello.rs");
    assert_says(&said, "verify: 0 passed, 1 failed");
}

#[test]
fn a_stub_that_passes_its_tests_fails_the_stubs_check() {
    let fixture = Fixture::new("stub-passes");
    fixture.edit("exercises/ch01_yield/hello.rs", |_| {
        std::fs::read_to_string(fixture.path("solutions/ch01_yield/hello.rs")).unwrap()
    });
    let (code, said) = fixture.verify("stubs");
    assert_ne!(code, 0, "{said}");
    let wb = fixture.workbook();
    for test in &wb.exercise("hello").unwrap().1.tests {
        assert_says(&said, &format!("stub passes its own test: hello {test}"));
    }
    // The other stubs still fail, as they should: only `hello` is named.
    assert!(!said.contains("stub passes its own test: lazy"), "{said}");
}

#[test]
fn a_missing_snapshot_fails_the_solutions_check() {
    let fixture = Fixture::new("missing-snapshot");
    std::fs::remove_file(fixture.path("crates/ch01-yield/snapshots/hello.snap")).unwrap();
    let (code, said) = fixture.verify("solutions");
    assert_ne!(code, 0, "{said}");
    assert_says(
        &said,
        "hello::five_greetings fails with the reference solutions",
    );
    assert_says(&said, "snapshots/hello.snap is missing");
}

#[test]
fn a_manifest_entry_without_files_fails_the_manifest_check() {
    let fixture = Fixture::new("ghost-exercise");
    fixture.edit("workbook.toml", |s| {
        s + r#"
[[chapters.exercises]]
id = "ghost"
kind = "implement"
title = "Not written yet"
page = "generators.md"
minutes = 5
tests = ["ghost::appears"]
hints = ["one", "two"]
"#
    });
    let wb = fixture.workbook();
    let (chapter, ghost) = wb.exercise("ghost").unwrap();
    let (code, said) = fixture.verify("manifest");
    assert_ne!(code, 0, "{said}");
    assert_says(
        &said,
        &format!(
            "{} is missing: the stub of exercise `ghost`",
            chapter.exercise_path_for_humans(ghost)
        ),
    );
    assert_says(
        &said,
        &format!(
            "solutions/{}/ghost.rs is missing: the solution of exercise `ghost`",
            chapter.folder_name()
        ),
    );
    assert_says(&said, "exercise `ghost` names test `ghost::appears`, which");
}
