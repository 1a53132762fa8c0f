//! The learner's loop, in a copy of the workbook (see `common`): `cargo wb`
//! and `status`, `reset`, `watch`, and what they say to bad input.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::{Fixture, Said, assert_says};

const HELLO: &str = "exercises/ch01_yield/hello.rs";

/// The row of exercise `id` in status's table.
fn row<'a>(said: &'a Said, id: &str) -> &'a str {
    said.stdout
        .lines()
        .find(|l| l.split_whitespace().nth(1) == Some(id))
        .unwrap_or_else(|| panic!("no row for `{id}` in:\n{}", said.stdout))
}

#[test]
fn status_follows_the_learners_files_and_runs_only_what_changed() {
    let fixture = Fixture::new("status");

    // A fresh copy: every file is its original, so nothing needs to run.
    let fresh = fixture.wb(&[]);
    assert_eq!(fresh.code, 0, "{}", fresh.all());
    assert!(!fresh.ran_tests(), "{}", fresh.all());
    let total = fixture.workbook().exercises().count();
    assert_says(&fresh.stdout, &format!("0 of {total} solved."));
    assert_says(row(&fresh, "hello"), "not yet");
    assert_says(
        &fresh.stdout,
        "Next: exercise `hello`: A function that yields (implement, chapter 1, about 10 min)\n  \
         read  book/src/ch01-yield/generators.md",
    );
    assert_says(
        &fresh.stdout,
        "  edit  exercises/ch01_yield/hello.rs\n  run   cargo wb check hello",
    );

    // Solve one: it is run, solved, and the next one is next.
    fixture.copy("solutions/ch01_yield/hello.rs", HELLO);
    let solved = fixture.wb(&["status"]);
    assert_eq!(solved.code, 0, "{}", solved.all());
    assert_says(&solved.stderr, "Checking 1 changed exercise: hello");
    assert!(
        row(&solved, "hello").starts_with("  ✓ hello"),
        "{}",
        solved.stdout
    );
    assert_says(row(&solved, "hello"), "solved");
    assert_says(&solved.stdout, &format!("1 of {total} solved."));
    assert_says(&solved.stdout, "Next: exercise `return_in_loop`");
    assert_says(
        &solved.stdout,
        "  edit  exercises/ch01_yield/return_in_loop.rs",
    );

    // Nothing changed: no cargo at all.
    let again = fixture.wb(&[]);
    assert!(!again.ran_tests(), "{}", again.all());
    assert_says(row(&again, "hello"), "solved");

    // A file that changed but fails is "failing"; part of the workbook.
    fixture.edit("exercises/ch01_yield/lazy.rs", |s| {
        s.replace("&[];", "&[\"main: calling steps()\"];")
    });
    let part = fixture.wb(&["status", "1"]);
    assert_says(&part.stderr, "Checking 1 changed exercise: lazy");
    assert_says(row(&part, "lazy"), "failing");
    assert_says(&part.stdout, "1 of 10 solved.");
    assert!(!part.stdout.contains("send_hello"), "{}", part.stdout);

    // An answer key changed upstream: the exercise runs again.
    let snap = "crates/ch01-yield/snapshots/hello.snap";
    let original_snap = fixture.read(snap);
    fixture.edit(snap, |s| s.replacen("Hello, Reuven", "Hi, Reuven", 1));
    let upstream = fixture.wb(&["status", "hello"]);
    assert_says(&upstream.stderr, "Checking 1 changed exercise: hello");
    assert_says(row(&upstream, "hello"), "failing");
    fixture.write(snap, &original_snap);
    assert_says(row(&fixture.wb(&["status", "hello"]), "hello"), "solved");

    // A damaged cache is rebuilt, with one note.
    let cache = fixture.path(".workbook/progress");
    std::fs::write(&cache, "this is not a progress file\n").unwrap();
    let rebuilt = fixture.wb(&["status", "1"]);
    assert_eq!(rebuilt.code, 0, "{}", rebuilt.all());
    assert_says(
        &rebuilt.stderr,
        "note: .workbook/progress could not be read (line 1: expected `wb-progress 1`), so it is rebuilt from the tests\n",
    );
    assert!(rebuilt.ran_tests());
    assert_says(row(&rebuilt, "hello"), "solved");

    // An exercise renamed or removed upstream is forgotten, with a note.
    let text = std::fs::read_to_string(&cache).unwrap();
    std::fs::write(&cache, text + "renamed_away solved 1 2\n").unwrap();
    let forgot = fixture.wb(&["status", "1"]);
    assert_eq!(forgot.code, 0, "{}", forgot.all());
    assert_says(
        &forgot.stderr,
        "note: forgot the result of exercise `renamed_away`: workbook.toml no longer has it (renamed or removed upstream)",
    );
    assert!(!forgot.ran_tests(), "{}", forgot.all());
    assert!(
        !std::fs::read_to_string(&cache)
            .unwrap()
            .contains("renamed_away")
    );

    // `check` updates the same cache: status then needs no run.
    fixture.edit("exercises/ch01_yield/lazy.rs", |s| {
        s + "\n// one more try\n"
    });
    let check = fixture.wb(&["check", "lazy"]);
    assert_eq!(check.code, 1, "{}", check.all());
    let after_check = fixture.wb(&["status", "1"]);
    assert!(!after_check.ran_tests(), "{}", after_check.all());
    assert_says(row(&after_check, "lazy"), "failing");
}

#[test]
fn reset_keeps_a_backup_and_restore_brings_it_back() {
    let fixture = Fixture::new("reset");
    let original = fixture.read("stubs/ch01_yield/hello.rs");
    let mine = fixture.read("solutions/ch01_yield/hello.rs") + "// my own words, kept\n";
    fixture.write(HELLO, &mine);

    let reset = fixture.wb(&["reset", "hello"]);
    assert_eq!(reset.code, 0, "{}", reset.all());
    assert_eq!(fixture.read(HELLO), original);
    let backups: Vec<_> = std::fs::read_dir(fixture.path(".workbook/backups/hello"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(std::fs::read_to_string(&backups[0]).unwrap(), mine);
    let name = backups[0]
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert_says(
        &reset.stdout,
        &format!("Kept your version as .workbook/backups/hello/{name}.rs."),
    );
    assert_says(
        &reset.stdout,
        "exercises/ch01_yield/hello.rs is back as it came.",
    );
    // Reset is "not yet" again, without a run.
    let status = fixture.wb(&["status", "hello"]);
    assert!(!status.ran_tests(), "{}", status.all());
    assert_says(row(&status, "hello"), "not yet");

    let list = fixture.wb(&["reset", "--list"]);
    assert_eq!(list.code, 0, "{}", list.all());
    assert_says(&list.stdout, &format!("  {name}  "));

    // Another attempt, then the first back: the attempt is kept too.
    let attempt = "// a second attempt\n";
    fixture.write(HELLO, attempt);
    let restore = fixture.wb(&["reset", "--restore", "hello", &name]);
    assert_eq!(restore.code, 0, "{}", restore.all());
    assert_eq!(
        std::fs::read(fixture.path(HELLO)).unwrap(),
        mine.as_bytes(),
        "byte for byte"
    );
    assert_says(
        &restore.stdout,
        "Kept the version you had as .workbook/backups/hello/",
    );
    let kept: Vec<String> = std::fs::read_dir(fixture.path(".workbook/backups/hello"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(kept.len(), 2);
    assert!(kept.contains(&attempt.to_string()) && kept.contains(&mine));

    // Resetting what is already a backup makes no second copy of it.
    fixture.wb(&["reset", "hello"]);
    assert_eq!(
        std::fs::read_dir(fixture.path(".workbook/backups/hello"))
            .unwrap()
            .count(),
        2
    );

    // Bad input: one line, and a non-zero exit.
    for (args, code, wanted) in [
        (
            vec!["reset", "nope"],
            2,
            "cargo wb: no exercise `nope`. Exercises: hello,",
        ),
        (vec!["reset"], 2, "cargo wb: which exercise?"),
        (
            vec!["reset", "--restore", "hello", "1999-01-01T00-00-00Z"],
            1,
            "cargo wb: no backup `1999-01-01T00-00-00Z` of `hello`; its backups: ",
        ),
        (
            vec!["reset", "--restore", "lazy"],
            1,
            "cargo wb: no backups of `lazy` to restore",
        ),
        (
            vec!["status", "nope"],
            2,
            "cargo wb: no chapter or exercise `nope`.",
        ),
    ] {
        let said = fixture.wb(&args);
        assert_eq!(said.code, code, "{args:?}: {}", said.all());
        assert_says(&said.stderr, wanted);
        assert_eq!(said.stderr.lines().count(), 1, "{args:?}: {}", said.stderr);
    }

    // A file the manifest names is missing: status says which, reset brings it back.
    std::fs::remove_file(fixture.path("exercises/ch01_yield/lazy.rs")).unwrap();
    let missing = fixture.wb(&[]);
    assert_eq!(missing.code, 1, "{}", missing.all());
    assert_eq!(
        missing.stderr,
        "cargo wb: exercises/ch01_yield/lazy.rs is missing: workbook.toml names it as the file of exercise `lazy`; \
         `cargo wb reset lazy` puts the original back\n"
    );
    assert_eq!(fixture.wb(&["reset", "lazy"]).code, 0);
    assert_eq!(
        fixture.read("exercises/ch01_yield/lazy.rs"),
        fixture.read("stubs/ch01_yield/lazy.rs")
    );
}

/// `cargo wb watch …` as a child whose stdout lines arrive on a channel.
struct Watch {
    child: Child,
    lines: Receiver<String>,
    seen: String,
}

impl Watch {
    fn start(fixture: &Fixture, args: &[&str]) -> Watch {
        let mut child = fixture
            .command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watch {
            child,
            lines,
            seen: String::new(),
        }
    }

    /// Read lines until one contains `wanted` (a first build may take minutes).
    #[track_caller]
    fn wait_for(&mut self, wanted: &str) {
        let deadline = Instant::now() + Duration::from_secs(300);
        while Instant::now() < deadline {
            match self.lines.recv_timeout(Duration::from_secs(1)) {
                Ok(line) => {
                    self.seen.push_str(&line);
                    self.seen.push('\n');
                    if line.contains(wanted) {
                        return;
                    }
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                Err(_) => panic!("watch ended before saying {wanted:?}:\n{}", self.seen),
            }
        }
        panic!("watch did not say {wanted:?} in time:\n{}", self.seen);
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn watch_checks_on_save_and_moves_on() {
    let fixture = Fixture::new("watch");
    for (args, id) in [
        (vec!["watch", "1", "--poll"], "hello"),
        (vec!["watch", "1"], "return_in_loop"),
    ] {
        let mut watch = Watch::start(&fixture, &args);
        watch.wait_for(&format!("Working on `{id}`:"));
        watch.wait_for("Watching exercises/ch01_yield/");
        // A save that still fails shows that exercise's failure.
        let file = format!("exercises/ch01_yield/{id}.rs");
        fixture.edit(&file, |s| s + "\n// trying\n");
        watch.wait_for(&format!("`{id}` does not pass yet."));
        watch.wait_for("Watching exercises/ch01_yield/");
        // The right answer: solved, and on to the next one.
        fixture.copy(&format!("solutions/ch01_yield/{id}.rs"), &file);
        watch.wait_for(&format!("✓ `{id}` solved!"));
        watch.wait_for("Working on `");
        assert!(
            !watch.seen.ends_with(&format!("Working on `{id}`:\n")),
            "{}",
            watch.seen
        );
    }
}
