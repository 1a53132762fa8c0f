//! `cargo wb reset`'s backups: named so that they sort in the order they
//! were made, written whole or not at all (a full disk leaves everything
//! as it was), and `doctor` on a `.workbook/progress` that is no file.
//!
//! Each test builds a tiny workbook of its own, as tests/hardening.rs does
//! (one chapter, one exercise, a git repository with one commit); none
//! compiles anything.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::tiny::{STUB, Tiny};
use common::{Said, assert_says};

const EXERCISE: &str = "exercises/ch01_yield/hello.rs";
const BACKUPS: &str = ".workbook/backups/hello";
/// What reset's writes are made to fail with, in place of a full disk.
const FAULT: &str = "WB_TEST_FAIL_RESET_AFTER_BYTES";

/// What these tests do with a tiny workbook, besides what it does itself.
impl Tiny {
    /// `cargo wb ARGS` in the root, with these variables set.
    fn wb_with(&self, args: &[&str], vars: &[(&str, String)]) -> Said {
        let mut command = self.command(&self.root, args);
        command.env_remove(FAULT);
        for (name, value) in vars {
            command.env(name, value);
        }
        Said::from(command.output().unwrap())
    }

    /// Every file of the workbook but git's, with its bytes: what a
    /// command that failed must leave exactly as it was.
    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        fn walk(dir: &Path, root: &Path, into: &mut BTreeMap<String, Vec<u8>>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                let shown = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                if shown == ".git" {
                    continue;
                }
                if path.is_dir() {
                    into.insert(format!("{shown}/"), Vec::new());
                    walk(&path, root, into);
                } else {
                    into.insert(shown, std::fs::read(&path).unwrap());
                }
            }
        }
        let mut files = BTreeMap::new();
        walk(&self.root, &self.root, &mut files);
        files
    }

    /// The names of the backups of `hello`, as the folder holds them.
    fn backup_names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path(BACKUPS))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// `cargo wb reset hello`, which must work.
    fn reset(&self) -> Said {
        let said = self.wb(&["reset", "hello"]);
        assert_eq!(said.code, 0, "{}", said.all());
        said
    }
}

/// The names `cargo wb reset --list` shows, in its order, and the one it
/// calls the newest.
fn listed(said: &Said) -> (Vec<String>, Option<String>) {
    let mut names = Vec::new();
    let mut newest = None;
    for line in said.stdout.lines() {
        let Some(rest) = line.strip_prefix("  ") else {
            continue;
        };
        let name = rest.split("  ").next().unwrap().to_string();
        if line.ends_with("(newest)") {
            newest = Some(name.clone());
        }
        names.push(name);
    }
    (names, newest)
}

/// The file a line of reset's output names: "Kept your version as PATH."
fn kept(said: &Said) -> String {
    let line = said
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("Kept your version as "))
        .unwrap_or_else(|| panic!("no backup named in:\n{}", said.all()));
    line.strip_suffix('.').unwrap().to_string()
}

/// Wait for the start of a second: what follows then takes well under one.
fn at_a_new_second() -> SystemTime {
    let now = SystemTime::now();
    let into = now.duration_since(UNIX_EPOCH).unwrap().subsec_nanos();
    std::thread::sleep(Duration::from_nanos(u64::from(1_000_000_000 - into)));
    SystemTime::now()
}

#[test]
fn two_resets_in_one_second_restore_the_second_and_list_it_last() {
    let tiny = Tiny::new("same-second");
    // Bytes as they are: no newline at the end, a CRLF, a byte not UTF-8.
    let first: &[u8] = b"pub fn hello() -> &'static str {\n    \"first\"\n}";
    let second: &[u8] = b"pub fn hello() -> &'static str {\r\n    \"second\" // \xff\n}\n";

    let started = at_a_new_second();
    tiny.write(EXERCISE, first);
    let one = tiny.reset();
    tiny.write(EXERCISE, second);
    let two = tiny.reset();
    let took = started.elapsed().unwrap();
    assert_eq!(tiny.read_bytes(EXERCISE), STUB.as_bytes());
    let (one, two) = (kept(&one), kept(&two));
    let file_name = |path: &str| path.rsplit('/').next().unwrap().to_string();
    let stem = |path: &str| file_name(path).strip_suffix(".rs").unwrap().to_string();
    assert_eq!(tiny.read_bytes(&one), first);
    assert_eq!(tiny.read_bytes(&two), second);

    let restored = tiny.wb(&["reset", "--restore", "hello"]);
    assert_eq!(restored.code, 0, "{}", restored.all());
    assert_eq!(
        tiny.read_bytes(EXERCISE),
        second,
        "the second file, byte for byte (both made in {took:?})"
    );
    assert_says(
        &restored.stdout,
        &format!(
            "exercises/ch01_yield/hello.rs is the version of {} again.",
            stem(&two)
        ),
    );

    let list = tiny.wb(&["reset", "--list", "hello"]);
    assert_eq!(list.code, 0, "{}", list.all());
    assert_says(
        &list.stdout,
        "hello (exercises/ch01_yield/hello.rs), oldest first:\n",
    );
    assert_eq!(
        listed(&list),
        (vec![stem(&one), stem(&two)], Some(stem(&two))),
        "{}",
        list.stdout
    );

    // Their names, as text, sort in the order they were made.
    let names = tiny.backup_names();
    assert_eq!(
        names,
        [file_name(&one), file_name(&two)],
        "made in {took:?}"
    );
    // Nothing of the learner's was replaced (the stub is no one's), so no third backup.
    assert_eq!(tiny.backup_names().len(), 2);
}

#[test]
fn backups_named_by_an_older_version_sort_by_their_time_before_new_ones() {
    let tiny = Tiny::new("old-names");
    // What an older `cargo wb reset` wrote: the second of one second is `-2`,
    // which sorts as text before the first. And a file put there by hand.
    for (name, text) in [
        ("2026-03-14T09-05-00Z-2.rs", "// old, second\n"),
        ("2026-03-14T09-05-00Z.rs", "// old, first\n"),
        ("2025-01-01T00-00-00Z.rs", "// oldest\n"),
        ("my copy.rs", "// by hand\n"),
    ] {
        tiny.write(&format!("{BACKUPS}/{name}"), text);
    }
    let list = tiny.wb(&["reset", "--list"]);
    assert_eq!(
        listed(&list).0,
        [
            "my copy",
            "2025-01-01T00-00-00Z",
            "2026-03-14T09-05-00Z",
            "2026-03-14T09-05-00Z-2"
        ],
        "{}",
        list.stdout
    );
    let restored = tiny.wb(&["reset", "--restore", "hello"]);
    assert_eq!(restored.code, 0, "{}", restored.all());
    assert_eq!(tiny.read_bytes(EXERCISE), b"// old, second\n");

    // A new backup is newer than all of them.
    tiny.write(EXERCISE, "// new\n");
    let new = kept(&tiny.reset());
    assert!(
        new.starts_with(&format!("{BACKUPS}/0001-")),
        "{new}: the first numbered one"
    );
    let list = tiny.wb(&["reset", "--list", "hello"]);
    let (names, newest) = listed(&list);
    assert_eq!(names.len(), 5, "{}", list.stdout);
    assert_eq!(newest.as_deref(), names.last().map(String::as_str));
    assert!(
        new.ends_with(&format!("{}.rs", names[4])),
        "{}",
        list.stdout
    );
    let restored = tiny.wb(&["reset", "--restore", "hello"]);
    assert_eq!(restored.code, 0, "{}", restored.all());
    assert_eq!(tiny.read_bytes(EXERCISE), b"// new\n");
}

/// A reset or restore that cannot write: it fails with one line saying
/// what happened and that the file is untouched, and leaves every file
/// (the exercise, the backups, no temporary file) exactly as it was.
#[track_caller]
fn fails_and_changes_nothing(tiny: &Tiny, args: &[&str], vars: &[(&str, String)], wanted: &str) {
    let before = tiny.files();
    let said = tiny.wb_with(args, vars);
    let after = tiny.files();
    let changed: BTreeSet<&String> = before
        .keys()
        .chain(after.keys())
        .filter(|f| before.get(*f) != after.get(*f))
        .collect();
    assert!(
        changed.is_empty(),
        "{args:?} changed {changed:?}: {}",
        said.all()
    );
    assert_eq!(said.code, 1, "{args:?}: {}", said.all());
    assert_eq!(said.stdout, "", "{args:?}");
    assert_eq!(said.stderr.lines().count(), 1, "{args:?}: {}", said.stderr);
    assert_says(&said.stderr, wanted);
}

/// 160 KB of an exercise file: more than the small disk below holds.
fn big_file() -> Vec<u8> {
    let line = "    // a long attempt, kept line by line, to fill a disk  \n";
    let mut text = String::from("pub fn hello() -> &'static str {\n");
    while text.len() < 160 * 1024 {
        text.push_str(line);
    }
    text.push_str("    \"big\"\n}\n");
    text.into_bytes()
}

#[test]
fn a_disk_that_fills_up_leaves_the_exercise_and_its_backups_as_they_were() {
    let tiny = Tiny::new("disk-full");
    let fail = |bytes: usize| [(FAULT, bytes.to_string())];
    let untouched = "exercises/ch01_yield/hello.rs is untouched, nothing was reset";
    // The first backup: not even the folders made for it stay.
    tiny.write(EXERCISE, "// a first attempt\n");
    fails_and_changes_nothing(&tiny, &["reset", "hello"], &fail(5), untouched);
    assert!(!tiny.path(".workbook").exists());
    let first = kept(&tiny.reset());
    let big = big_file();
    tiny.write(EXERCISE, &big);

    // The backup fails half-way.
    fails_and_changes_nothing(
        &tiny,
        &["reset", "hello"],
        &fail(64 * 1024),
        &format!(
            "cargo wb: cannot keep a backup of your version in {BACKUPS}: no space left on device ({FAULT}); {untouched}\n"
        ),
    );
    // Nothing at all could be written.
    fails_and_changes_nothing(&tiny, &["reset", "hello"], &fail(0), untouched);
    // The backup is whole, then the exercise file cannot be written: the
    // backup goes again (the file it copies is still there).
    fails_and_changes_nothing(
        &tiny,
        &["reset", "hello"],
        &fail(big.len() + 10),
        &format!(
            "cargo wb: cannot write exercises/ch01_yield/hello.rs: no space left on device ({FAULT}); {untouched}\n"
        ),
    );
    // Restoring keeps the file it replaces first, the same way.
    let restored = "exercises/ch01_yield/hello.rs is untouched, nothing was restored\n";
    fails_and_changes_nothing(
        &tiny,
        &["reset", "--restore", "hello"],
        &fail(1000),
        &format!(
            "cargo wb: cannot keep a backup of your version in {BACKUPS}: no space left on device ({FAULT}); {restored}"
        ),
    );
    fails_and_changes_nothing(
        &tiny,
        &["reset", "--restore", "hello"],
        &fail(big.len() + 1),
        &format!(
            "cargo wb: cannot write exercises/ch01_yield/hello.rs: no space left on device ({FAULT}); {restored}"
        ),
    );
    assert_eq!(tiny.read_bytes(EXERCISE), big);

    // With room, the same reset works, and the backups are the two attempts.
    let second = kept(&tiny.reset());
    assert_eq!(tiny.read_bytes(&second), big);
    assert_eq!(tiny.read_bytes(&first), b"// a first attempt\n");
    assert_eq!(tiny.backup_names().len(), 2);
    assert_eq!(tiny.read_bytes(EXERCISE), STUB.as_bytes());
}

/// A small file system on `folder`, unmounted when dropped: a real full disk.
struct Tmpfs(PathBuf);

impl Tmpfs {
    /// None where it cannot be mounted (not Linux, not root, in a container
    /// that forbids it): the test with an injected failure above covers that.
    fn mount(folder: &Path, size: &str) -> Option<Tmpfs> {
        if !cfg!(target_os = "linux") {
            return None;
        }
        std::fs::create_dir_all(folder).unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(folder)
            .output()
            .ok()?;
        out.status.success().then(|| Tmpfs(folder.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_real_full_disk_leaves_the_exercise_and_its_backups_as_they_were() {
    let name = "real-disk-full";
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("backups")
        .join(name);
    // A run stopped half-way may have left its disk mounted.
    let _ = Command::new("umount")
        .arg(root.join(".workbook"))
        .stderr(std::process::Stdio::null())
        .status();
    let tiny = Tiny::new(name);
    let Some(_disk) = Tmpfs::mount(&tiny.path(".workbook"), "64k") else {
        eprintln!("no small tmpfs could be mounted here: the injected full disk stands in for it");
        return;
    };
    tiny.write(EXERCISE, "// a first attempt\n");
    let first = kept(&tiny.reset());
    let big = big_file();
    tiny.write(EXERCISE, &big);

    fails_and_changes_nothing(
        &tiny,
        &["reset", "hello"],
        &[],
        &format!("cargo wb: cannot keep a backup of your version in {BACKUPS}: "),
    );
    fails_and_changes_nothing(
        &tiny,
        &["reset", "--restore", "hello"],
        &[],
        "; exercises/ch01_yield/hello.rs is untouched, nothing was restored\n",
    );
    assert_eq!(tiny.read_bytes(EXERCISE), big);
    assert_eq!(tiny.read_bytes(&first), b"// a first attempt\n");
    assert_eq!(tiny.backup_names().len(), 1);
}

#[test]
fn doctor_names_a_progress_path_that_is_not_a_file() {
    let tiny = Tiny::new("progress-folder");
    std::fs::create_dir_all(tiny.path(".workbook/progress")).unwrap();
    let said = tiny.wb(&["doctor"]);
    assert_eq!(said.code, 1, "{}", said.all());
    assert!(!said.stdout.contains("readable"), "{}", said.stdout);
    assert_says(
        &said.stdout,
        "✗ .workbook/progress is an empty folder, not a file: `cargo wb` cannot read or save your progress in it, so the tests run again every time\n      fix: rmdir .workbook/progress   (it only forgets: the tests run again)\n",
    );
    assert_says(&said.stdout, "1 problem: run each `fix:` command in");
    tiny.run_fix("rmdir .workbook/progress");
    let fixed = tiny.wb(&["doctor"]);
    assert_eq!(fixed.code, 0, "{}", fixed.all());

    // A folder with something in it is moved aside, not deleted.
    tiny.write(".workbook/progress/notes.txt", "mine\n");
    let said = tiny.wb(&["doctor"]);
    assert_eq!(said.code, 1, "{}", said.all());
    assert_says(
        &said.stdout,
        "✗ .workbook/progress is a folder, not a file: `cargo wb` cannot read or save your progress in it, so the tests run again every time\n      fix: mv .workbook/progress .workbook/progress-folder   (moves it aside, with what is in it)\n",
    );
    tiny.run_fix("mv .workbook/progress .workbook/progress-folder");
    let fixed = tiny.wb(&["doctor"]);
    assert_eq!(fixed.code, 0, "{}", fixed.all());
    assert_eq!(
        tiny.read_bytes(".workbook/progress-folder/notes.txt"),
        b"mine\n"
    );
}
