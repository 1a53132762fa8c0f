//! No chapter test may hang, even when the learner's code loops forever:
//! the harness runs each program on a thread of its own under a watchdog
//! (`harness::WATCHDOG`, 5 s) that fails the test naming the exercise.
//! That only holds for tests that go through the harness, so this checks
//! that every `#[test]` of every chapter crate does (`harness::exercise!`,
//! `harness::demo!`), and that none gives itself a longer watchdog.
//!
//! Only files that use an exercise's module (`ch02_send::priming`, for an
//! id of `workbook.toml`) run the learner's code; the others run the
//! book's demos. Test files that only build with the reference solutions
//! (`#![cfg(feature = "solutions")]`) run no learner code either.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return files;
    };
    for path in entries.flatten().map(|entry| entry.path()) {
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The tests in `text` that do not go through the harness, by name.
fn unwatched_tests(text: &str) -> Vec<String> {
    if text.contains("#![cfg(feature = \"solutions\")]") {
        return Vec::new();
    }
    let mut unwatched = Vec::new();
    for part in text.split("#[test]").skip(1) {
        let name = part
            .split("fn ")
            .nth(1)
            .and_then(|rest| rest.split('(').next())
            .unwrap_or("?")
            .trim()
            .to_string();
        // The test's body: up to the next test (or the end of the file).
        let watched = part.contains("exercise!(") || part.contains("demo!(");
        if !watched {
            unwatched.push(name);
        }
    }
    unwatched
}

/// Every exercise id in `workbook.toml`.
fn exercise_ids(root: &Path) -> Vec<String> {
    let manifest = fs::read_to_string(root.join("workbook.toml")).expect("workbook.toml");
    manifest
        .lines()
        .filter_map(|line| line.trim().strip_prefix("id = \""))
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// Whether `text`, a test file of the crate whose library is `library`
/// (`ch02_send`), uses the module of an exercise.
fn runs_exercises(text: &str, library: &str, ids: &[String]) -> bool {
    ids.iter().any(|id| {
        text.contains(&format!("{library}::{id}::")) || text.contains(&format!("{library}::{id};"))
    })
}

#[test]
fn every_chapter_test_runs_under_the_harness_watchdog() {
    let root = common::source_root();
    let ids = exercise_ids(&root);
    assert!(ids.len() >= 40, "exercise ids: {ids:?}");
    let mut chapters: Vec<PathBuf> = fs::read_dir(root.join("crates"))
        .expect("crates/")
        .flatten()
        .map(|entry| entry.path())
        .filter(|dir| {
            let name = dir.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with("ch") && name[2..].starts_with(|c: char| c.is_ascii_digit())
        })
        .collect();
    chapters.sort();
    assert!(chapters.len() >= 6, "chapter crates: {chapters:?}");
    let mut problems = Vec::new();
    let mut counted = 0;
    for chapter in &chapters {
        let library = chapter
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .replace('-', "_");
        for file in rust_files(&chapter.join("tests"))
            .into_iter()
            .chain(rust_files(&chapter.join("src")))
        {
            let text = fs::read_to_string(&file).unwrap_or_default();
            let shown = file
                .strip_prefix(&root)
                .unwrap_or(&file)
                .display()
                .to_string();
            if !runs_exercises(&text, &library, &ids) {
                continue;
            }
            counted += text.matches("#[test]").count();
            for name in unwatched_tests(&text) {
                problems.push(format!(
                    "{shown}: test `{name}` does not go through harness::exercise! or harness::demo!, \
                     so nothing stops it if the code it runs loops forever"
                ));
            }
            if text.contains("with_watchdog(") {
                problems.push(format!(
                    "{shown}: sets its own watchdog; chapter tests keep harness::WATCHDOG"
                ));
            }
        }
    }
    assert!(counted >= 50, "only {counted} exercise tests found: moved?");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_test_outside_the_harness_is_found() {
    let tests = r#"
        #[test]
        fn watched() {
            harness::exercise!("hello").check("hello", program);
        }

        #[test]
        fn direct() {
            assert_eq!(hello(), 5);
        }

        #[test]
        fn demo() { harness::demo!("x").check("x", main); }
    "#;
    assert_eq!(unwatched_tests(tests), ["direct"]);
    let solutions_only = format!("#![cfg(feature = \"solutions\")]\n{tests}");
    assert_eq!(unwatched_tests(&solutions_only), Vec::<String>::new());
    let ids = ["priming".to_string()];
    assert!(runs_exercises(
        "use ch02_send::priming::greet_all;",
        "ch02_send",
        &ids
    ));
    assert!(!runs_exercises(
        "use ch02_send::demos::dropped;",
        "ch02_send",
        &ids
    ));
}
