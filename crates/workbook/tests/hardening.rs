//! `cargo wb` under a confused learner: a changed snapshot, a deleted
//! test, a missing exercise file or folder, a damaged or unwritable
//! progress cache, a command run from a sub-folder or from outside.
//!
//! Each test builds a tiny workbook of its own (one chapter, one exercise,
//! a crate with no dependencies, a git repository with one commit), so
//! that most run no cargo at all and the others compile a few lines.
//! The messages are the ones book/src/when-things-go-wrong.md quotes.

mod common;

use common::tiny::{EXERCISE, MANIFEST, SNAP, SNAPSHOT, STUB, TESTS, Tiny};
use common::{Said, assert_says};

/// The commands on the `fix:` lines of doctor's output.
fn fixes(said: &Said) -> Vec<String> {
    said.stdout
        .lines()
        .filter_map(|l| l.trim().strip_prefix("fix: "))
        .map(str::to_string)
        .collect()
}

#[test]
fn doctor_names_a_changed_snapshot_and_the_command_that_restores_it() {
    let tiny = Tiny::new("changed-snapshot");
    let fine = tiny.wb(&["doctor"]);
    assert_eq!(fine.code, 0, "{}", fine.all());
    assert_says(
        &fine.stdout,
        "✓ snapshots, tests and originals (stubs/) are as committed",
    );

    // The learner's own work, which no fix may touch.
    tiny.write(
        EXERCISE,
        "pub fn hello() -> &'static str {\n    \"mine\"\n}\n",
    );
    // Edited by hand, or what `cargo insta accept` does.
    tiny.write(SNAP, SNAPSHOT.replace("hello\n", "mine\n"));
    // What a failed run leaves, and `cargo insta accept` would accept.
    tiny.write("crates/ch01-yield/snapshots/hello.snap.new", SNAPSHOT);
    let said = tiny.wb(&["doctor"]);
    assert_eq!(said.code, 1, "{}", said.all());
    assert_says(
        &said.stdout,
        "✗ crates/ch01-yield/snapshots/hello.snap differs from the committed version (the answer key of exercise `hello`): edited by hand, or accepted by `cargo insta accept`?\n      fix: git checkout HEAD -- crates/ch01-yield/snapshots/hello.snap\n",
    );
    assert_says(
        &said.stdout,
        "✗ crates/ch01-yield/snapshots/hello.snap.new is what a test printed, not the answer key; `cargo insta accept` would make it one\n      fix: rm crates/ch01-yield/snapshots/hello.snap.new\n",
    );
    assert_says(&said.stdout, "2 problems: run each `fix:` command in");

    for fix in fixes(&said) {
        tiny.run_fix(&fix);
    }
    let fixed = tiny.wb(&["doctor"]);
    assert_eq!(fixed.code, 0, "{}", fixed.all());
    assert_eq!(tiny.read(SNAP), SNAPSHOT);
    assert_says(&tiny.read(EXERCISE), "\"mine\"");
}

#[test]
fn doctor_finds_a_test_the_learner_deleted_with_git_and_without() {
    let tiny = Tiny::new("deleted-test");
    let tests = "crates/ch01-yield/tests/exercises.rs";
    tiny.write(tests, TESTS.replace("fn five_greetings", "fn renamed"));
    let said = tiny.wb(&["doctor"]);
    assert_eq!(said.code, 1, "{}", said.all());
    assert_says(
        &said.stdout,
        "✗ crates/ch01-yield/tests/exercises.rs differs from the committed version (the tests that check your exercises)\n      fix: git checkout HEAD -- crates/ch01-yield/tests/exercises.rs\n",
    );
    assert_says(
        &said.stdout,
        "✗ crates/ch01-yield/tests/exercises.rs lacks the test `hello::five_greetings` of exercise `hello` (workbook.toml lists it): edited or deleted\n",
    );

    // Without git, the manifest still knows the test's name.
    std::fs::remove_dir_all(tiny.path(".git")).unwrap();
    let said = tiny.wb(&["doctor"]);
    assert_eq!(said.code, 1, "{}", said.all());
    assert_says(
        &said.stdout,
        "lacks the test `hello::five_greetings` of exercise `hello`",
    );
    assert_says(
        &said.stdout,
        "· not a git checkout: the snapshots and tests cannot be compared with a committed version",
    );
    tiny.write(tests, TESTS);
    assert_eq!(tiny.wb(&["doctor"]).code, 0);
}

#[test]
fn check_and_verify_say_in_one_line_that_the_answer_key_changed() {
    let tiny = Tiny::new("note");
    tiny.write(SNAP, SNAPSHOT.replace("hello\n", "mine\n"));
    let note = "note: crates/ch01-yield/snapshots/hello.snap differs from the committed version: the answer key or its tests changed; `cargo wb doctor` says how to put it back";
    let verify = tiny.wb(&["verify", "--only", "python"]);
    assert_says(&verify.stdout, note);
    let check = tiny.wb(&["check", "hello"]);
    assert_says(&check.stderr, note);
    assert_says(&check.stdout, "✗ hello");

    tiny.run_fix(&format!("git checkout HEAD -- {SNAP}"));
    let check = tiny.wb(&["check", "hello"]);
    assert!(
        !check.all().contains("differs from the committed"),
        "{}",
        check.all()
    );
}

#[test]
fn every_sub_folder_is_the_same_workbook_and_outside_is_refused() {
    let tiny = Tiny::new("sub-folders");
    let at_root = tiny.wb(&["list"]);
    assert_eq!(at_root.code, 0, "{}", at_root.all());
    let status = tiny.wb(&["status"]);
    assert_eq!(status.code, 0, "{}", status.all());
    for folder in [
        "crates/ch01-yield/tests",
        "exercises/ch01_yield",
        "book/src",
    ] {
        let folder = tiny.path(folder);
        for (args, there) in [(&["list"][..], &at_root), (&["status"][..], &status)] {
            let said = tiny.wb_in(&folder, args);
            assert_eq!(
                said.stdout,
                there.stdout,
                "{args:?} in {}",
                folder.display()
            );
            assert_eq!(said.code, there.code);
        }
        let doctor = tiny.wb_in(&folder, &["doctor"]);
        assert_says(
            &doctor.stdout,
            &format!("cargo wb doctor: the workbook in {}\n", tiny.root.display()),
        );
    }

    let outside = std::env::temp_dir().join(format!("wb-outside-{}", std::process::id()));
    std::fs::create_dir_all(&outside).unwrap();
    let said = tiny.wb_in(&outside, &["status"]);
    assert_eq!(said.code, 1, "{}", said.all());
    assert_eq!(
        said.stderr,
        format!(
            "cargo wb: {}: no workbook.toml here or in any folder above: run this inside the workbook's folder\n",
            outside.display()
        )
    );
    let doctor = tiny.wb_in(&outside, &["doctor"]);
    assert_eq!(doctor.code, 1);
    assert_says(
        &doctor.stdout,
        &format!(
            "✗ not inside a workbook: no workbook.toml in {} or any folder above it\n    fix: cd into the workbook's folder (the one with workbook.toml), then run `cargo wb doctor` again\n",
            outside.display()
        ),
    );
    std::fs::remove_dir_all(&outside).unwrap();
}

#[test]
fn a_missing_exercise_file_or_folder_says_how_to_bring_it_back() {
    let tiny = Tiny::new("missing");
    let missing = "cargo wb: exercises/ch01_yield/hello.rs is missing: workbook.toml names it as the file of exercise `hello`; `cargo wb reset hello` puts the original back\n";

    std::fs::remove_file(tiny.path(EXERCISE)).unwrap();
    let said = tiny.wb(&["status"]);
    assert_eq!((said.code, said.stderr.as_str()), (1, missing));
    let doctor = tiny.wb(&["doctor"]);
    assert_says(
        &doctor.stdout,
        "✗ exercises/ch01_yield/hello.rs is missing: the file of exercise `hello`\n      fix: git checkout HEAD -- exercises/ch01_yield/hello.rs   (your last committed version)\n      fix: cargo wb reset hello   (the exercise as it came)\n",
    );

    // The whole folder.
    std::fs::remove_dir_all(tiny.path("exercises")).unwrap();
    let said = tiny.wb(&["status"]);
    assert_eq!((said.code, said.stderr.as_str()), (1, missing));
    let doctor = tiny.wb(&["doctor"]);
    assert_says(
        &doctor.stdout,
        "✗ exercises/ is missing: it holds the files you edit\n      fix: git checkout HEAD -- exercises   (your last committed versions; the folder is gone, so nothing is overwritten)\n",
    );
    let reset = tiny.wb(&["reset", "hello"]);
    assert_eq!(reset.code, 0, "{}", reset.all());
    assert_eq!(tiny.read(EXERCISE), STUB);

    // A file of the learner's that reset kept, then lost: restore brings it back.
    let mine = "pub fn hello() -> &'static str {\n    \"mine\"\n}\n";
    tiny.write(EXERCISE, mine);
    assert_eq!(tiny.wb(&["reset", "hello"]).code, 0);
    std::fs::remove_file(tiny.path(EXERCISE)).unwrap();
    let doctor = tiny.wb(&["doctor"]);
    assert_says(
        &doctor.stdout,
        "      fix: cargo wb reset --restore hello   (the newest version `cargo wb reset` kept)\n",
    );
    let restored = tiny.wb(&["reset", "--restore", "hello"]);
    assert_eq!(restored.code, 0, "{}", restored.all());
    assert_eq!(tiny.read(EXERCISE), mine);
}

#[test]
fn a_damaged_or_stale_progress_cache_is_rebuilt_with_a_note() {
    let tiny = Tiny::new("cache");
    let progress = ".workbook/progress";
    tiny.write(progress, "garbage\n");
    let doctor = tiny.wb(&["doctor"]);
    assert_eq!(doctor.code, 1);
    assert_says(
        &doctor.stdout,
        "✗ .workbook/progress could not be read (line 1: expected `wb-progress 1`), so it is rebuilt from the tests\n      fix: rm .workbook/progress   (it only forgets: the tests run again)\n",
    );
    let said = tiny.wb(&["status"]);
    assert_eq!(said.code, 0, "{}", said.all());
    assert_says(
        &said.stderr,
        "note: .workbook/progress could not be read (line 1: expected `wb-progress 1`), so it is rebuilt from the tests\n",
    );
    assert_says(&tiny.read(progress), "wb-progress 1\n");
    let again = tiny.wb(&["status"]);
    assert!(!again.stderr.contains("note:"), "{}", again.all());

    std::fs::write(tiny.path(progress), [0xff, 0xfe, 0]).unwrap();
    assert_says(
        &tiny.wb(&["status"]).stderr,
        "note: .workbook/progress could not be read (it is not text)",
    );

    tiny.write(
        progress,
        "wb-progress 1\ngone solved 0000000000000001 0000000000000002\n",
    );
    let said = tiny.wb(&["status"]);
    assert_says(
        &said.stderr,
        "note: forgot the result of exercise `gone`: workbook.toml no longer has it (renamed or removed upstream)\n",
    );
    assert!(!tiny.read(progress).contains("gone"));
}

#[test]
fn a_stale_verdict_runs_again_and_an_unwritable_cache_only_costs_a_note() {
    let tiny = Tiny::new("unwritable");
    // The file changed since a run said "solved": that verdict is stale.
    tiny.write(
        EXERCISE,
        "pub fn hello() -> &'static str {\n    \"bye\"\n}\n",
    );
    tiny.write(
        ".workbook/progress",
        "wb-progress 1\nhello solved 0000000000000001 0000000000000002\n",
    );
    let said = tiny.wb(&["status"]);
    assert_says(&said.stderr, "Checking 1 changed exercise: hello");
    assert!(
        said.stdout.contains("hello") && !said.stdout.contains("✓"),
        "{}",
        said.all()
    );

    // A read-only place for .workbook/ (as root, permissions do not stop
    // writes, so .workbook is a file here: nothing can be created in it).
    std::fs::remove_dir_all(tiny.path(".workbook")).unwrap();
    tiny.write(".workbook", "not a folder\n");
    let said = tiny.wb(&["status"]);
    assert_says(&said.stderr, "Checking 1 changed exercise: hello");
    assert_says(&said.stderr, "note: could not save .workbook/progress: ");
    assert_says(&said.stderr, "; the next command runs these tests again\n");
    assert_eq!(
        said.stdout,
        tiny.wb(&["status"]).stdout,
        "the same verdict, from a new run"
    );

    // reset keeps the learner's file before replacing it; if it cannot, it replaces nothing.
    let before = tiny.read(EXERCISE);
    let reset = tiny.wb(&["reset", "hello"]);
    assert_eq!(reset.code, 1, "{}", reset.all());
    assert_says(
        &reset.stderr,
        "cargo wb: cannot create .workbook/backups/hello: ",
    );
    assert_eq!(tiny.read(EXERCISE), before);

    let doctor = tiny.wb(&["doctor"]);
    assert_says(
        &doctor.stdout,
        "✗ .workbook/ cannot be written (it is a file, not a folder): `cargo wb` cannot save your progress, the hints you saw, or what `reset` keeps\n",
    );
}

#[test]
fn a_broken_manifest_names_its_line_and_doctor_offers_the_committed_one() {
    let tiny = Tiny::new("broken-manifest");
    tiny.write(
        "workbook.toml",
        MANIFEST.replace("minutes = 5\ntests", "minutes = = 5\ntests"),
    );
    let said = tiny.wb(&["status"]);
    assert_eq!(said.code, 1, "{}", said.all());
    assert_eq!(
        said.stderr,
        format!(
            "cargo wb: {}: line 20: extra `=`, expected nothing\n",
            tiny.path("workbook.toml").display()
        )
    );
    let doctor = tiny.wb(&["doctor"]);
    assert_eq!(doctor.code, 1);
    assert_says(&doctor.stdout, "line 20: extra `=`");
    assert_says(
        &doctor.stdout,
        "      fix: git checkout HEAD -- workbook.toml\n",
    );
    tiny.run_fix("git checkout HEAD -- workbook.toml");
    assert_eq!(tiny.wb(&["doctor"]).code, 0);
}
