//! A copy of the workbook to run `cargo wb` in, shared by the test files.
//!
//! Each test copies the workbook (the files git would see) into
//! `target/verify-fixtures/<test>/`, changes something, runs the built
//! `workbook` binary in the copy, and reads what it says.
//!
//! The copies share the cargo target dir `target/verify-fixtures/target`,
//! so the dependencies compile once, and not in the main target dir, which
//! the `cargo test` running these tests holds locked.
//!
//! Sharing that folder takes care: cargo names a workspace crate's
//! artifacts after its path *relative to the workspace root* (so every copy
//! builds to the same files), and remembers files outside the crate (our
//! `exercises/*.rs`) by absolute path (so it may look at another copy's
//! files to decide what is fresh). Hence the tests of a file take turns
//! ([`TURN`]; cargo runs the test files one after the other), and the
//! chapter crates and the exercise, solution and original files of every
//! copy get a fresh modification time, so each copy rebuilds its own.
//! The other crates (`trace`, `harness`, the loops…) read nothing outside
//! their folder and no test changes them, so they keep the modification
//! time of the real files and compile once for all copies.
//! (To rerun a copy by hand, give it a CARGO_TARGET_DIR of its own.)

#![allow(dead_code)] // each test file uses part of it

pub mod tiny;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, MutexGuard};

use manifest::Workbook;

/// The real workbook, this crate's grandparent.
pub fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .unwrap()
        .to_path_buf()
}

/// `target/verify-fixtures`, next to the binary under test.
pub fn fixtures() -> PathBuf {
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

/// A file whose copies may share compiled artifacts: in a crate that is
/// not a chapter's (`crates/harness/…`, not `crates/ch01-yield/…`).
fn shared_crate_file(relative: &Path) -> bool {
    let mut parts = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy());
    if parts.next().as_deref() != Some("crates") {
        return false;
    }
    let Some(krate) = parts.next() else {
        return false;
    };
    let is_chapter = krate.len() > 4
        && krate.starts_with("ch")
        && krate[2..4].bytes().all(|b| b.is_ascii_digit());
    !is_chapter && parts.next().is_some()
}

/// Held by the test that is using the shared target dir.
static TURN: Mutex<()> = Mutex::new(());

/// A copy of the workbook in `target/verify-fixtures/<name>`.
pub struct Fixture {
    pub root: PathBuf,
    _turn: MutexGuard<'static, ()>,
}

/// What a run of `cargo wb` did.
pub struct Said {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Said {
    pub fn from(out: Output) -> Said {
        Said {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Both streams, for messages and for `contains`.
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// Whether this command ran tests (`status` says `Checking N changed exercises: …`).
    pub fn ran_tests(&self) -> bool {
        self.stderr.contains("Checking ")
    }
}

impl Fixture {
    pub fn new(name: &str) -> Fixture {
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
            if shared_crate_file(&file) {
                let modified = std::fs::metadata(&from).unwrap().modified().unwrap();
                let copy = std::fs::File::options().write(true).open(&to).unwrap();
                copy.set_modified(modified).unwrap();
            }
        }
        let fixture = Fixture { root, _turn: turn };
        // The copy as given out is the copy as it is now, whatever the
        // maintainer changed and has not blessed yet (workbook.sums).
        let sums = fixture.wb(&["bless", "--checksums"]);
        assert_eq!(sums.code, 0, "{}", sums.all());
        fixture
    }

    pub fn workbook(&self) -> Workbook {
        Workbook::load(&self.root).unwrap()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative))
            .unwrap_or_else(|e| panic!("cannot read {relative}: {e}"))
    }

    pub fn write(&self, relative: &str, text: &str) {
        assert!(
            !shared_crate_file(Path::new(relative)),
            "{relative} is shared by every copy's build (see the module's documentation): change a chapter's files instead"
        );
        std::fs::write(self.path(relative), text).unwrap();
    }

    pub fn edit(&self, relative: &str, change: impl FnOnce(String) -> String) {
        let before = self.read(relative);
        let after = change(before.clone());
        assert_ne!(
            before, after,
            "the test meant to change {relative}, but the change did not apply"
        );
        self.write(relative, &after);
    }

    /// `cp from to`, inside the copy.
    pub fn copy(&self, from: &str, to: &str) {
        let text = self.read(from);
        self.write(to, &text);
    }

    /// A `workbook` command in the copy, with the shared target dir and
    /// without colours.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_workbook"));
        cmd.args(args)
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", fixtures().join("target"))
            .env("NO_COLOR", "1");
        cmd
    }

    /// `cargo wb ARGS` in the copy.
    pub fn wb(&self, args: &[&str]) -> Said {
        Said::from(self.command(args).output().unwrap())
    }

    /// `workbook verify --only CHECKS` in the copy: exit code and everything it printed.
    pub fn verify(&self, checks: &str) -> (i32, String) {
        let said = self.wb(&["verify", "--only", checks]);
        (said.code, said.all())
    }
}

/// `git ARGS` in `dir`, as a tidy maintainer would run it: a name, no
/// signing, `main` for a new repository.
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=wb", "-c", "user.email=wb@example.org"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[track_caller]
pub fn assert_says(said: &str, wanted: &str) {
    assert!(said.contains(wanted), "expected {wanted:?} in:\n{said}");
}
