//! `cargo wb verify` must be able to fail. Each test copies the workbook
//! (see `common`), breaks one thing, runs `workbook verify --only …` in the
//! copy, and reads its verdict.

mod common;

use common::{Fixture, assert_says};

#[test]
fn an_unchanged_copy_passes_and_so_does_a_new_exercise_once_written() {
    let fixture = Fixture::new("unchanged");
    let (code, said) = fixture.verify("solutions,stubs,manifest");
    assert_says(&said, "verify: 3 passed, 0 failed");
    assert_eq!(code, 0, "{said}");

    // `cargo wb new-exercise` makes every file and line an exercise needs.
    let made = fixture.wb(&[
        "new-exercise",
        "1",
        "scratch",
        "--kind",
        "fix",
        "--page",
        "generators.md",
    ]);
    assert_eq!(made.code, 0, "{}", made.all());
    for file in [
        "exercises/ch01_yield/scratch.rs",
        "stubs/ch01_yield/scratch.rs",
        "solutions/ch01_yield/scratch.rs",
    ] {
        assert!(fixture.path(file).is_file(), "{file}: {}", made.all());
    }
    assert_says(
        &fixture.read("crates/ch01-yield/src/lib.rs"),
        "pub mod runaway;\n        pub mod scratch;\n        pub mod taking_turns;",
    );
    assert_says(
        &fixture.read("crates/ch01-yield/tests/exercises.rs"),
        "mod scratch {",
    );
    let wb = fixture.workbook();
    let (chapter, exercise) = wb.exercise("scratch").unwrap();
    assert_eq!(chapter.number, 1);
    assert_eq!(exercise.tests, ["scratch::in_order"]);
    assert_eq!(
        wb.chapters[1].exercises.last().unwrap().id,
        "scratch",
        "after chapter 1's last exercise"
    );
    let again = fixture.wb(&["new-exercise", "1", "scratch", "--kind", "fix"]);
    assert_eq!(again.code, 2, "{}", again.all());
    assert_says(
        &again.stderr,
        "there is already an exercise `scratch` (chapter 1)",
    );
    let bad = fixture.wb(&["new-exercise", "1", "Scratch2", "--kind", "guess"]);
    assert_eq!(bad.code, 2, "{}", bad.all());
    assert_says(
        &bad.stderr,
        "--kind \"guess\" is not one of implement, predict, fix",
    );

    // Its snapshot comes from its solution, as for every exercise.
    let blessed = fixture.wb(&["bless", "1"]);
    assert_eq!(blessed.code, 0, "{}", blessed.all());
    assert!(
        fixture
            .path("crates/ch01-yield/snapshots/scratch.snap")
            .is_file()
    );

    // verify runs its solution and its stub like the others', and fails
    // until the placeholders are written and the book announces it.
    let (code, said) = fixture.verify("solutions,stubs,manifest");
    assert_ne!(code, 0, "{said}");
    assert_says(&said, "PASS solutions");
    assert_says(&said, "PASS stubs");
    assert_says(
        &said,
        "exercise `scratch` still has TODO(new-exercise) placeholders to write: its title in workbook.toml, \
         its hints in workbook.toml, exercises/ch01_yield/scratch.rs, solutions/ch01_yield/scratch.rs",
    );
    assert_says(
        &said,
        "book/src/ch01-yield/generators.md does not announce exercise `scratch`",
    );
    for file in [
        "workbook.toml",
        "exercises/ch01_yield/scratch.rs",
        "stubs/ch01_yield/scratch.rs",
        "solutions/ch01_yield/scratch.rs",
    ] {
        fixture.edit(file, |s| s.replace("TODO(new-exercise)", "Written"));
    }
    // The course plan in the book follows the manifest's new title.
    let plan = fixture.wb(&["plan"]);
    assert_says(
        &plan.stdout,
        "book/src/ch00-before-we-start/course-plan.md rewritten from workbook.toml",
    );
    assert_says(
        &fixture.read("book/src/ch00-before-we-start/course-plan.md"),
        "| `scratch`: Written: a title | fix | 10 |",
    );
    fixture.edit("book/src/ch01-yield/generators.md", |s| {
        s + "\n> [!TIP]\n> **Exercise `scratch`** (fix, about 10 minutes): put the lines in order.\n"
    });
    // The files that decide results changed since `bless`: their
    // checksums are stale until the author says they are meant.
    let (_, said) = fixture.verify("manifest");
    assert_says(
        &said,
        "FAIL manifest: workbook.sums is stale: stubs/ch01_yield/scratch.rs (changed), workbook.toml (changed); \
         once these are as you mean them, `cargo wb bless --checksums` rewrites it",
    );
    let sums = fixture.wb(&["bless", "--checksums"]);
    assert_eq!(sums.code, 0, "{}", sums.all());
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
    // Once under `cargo test`, once as `cargo wb check` judges it.
    assert_says(&said, "FAIL solutions: 2 problems");
    assert_says(
        &said,
        "- ch01-yield: hello::five_greetings fails with the reference solutions",
    );
    assert_says(&said, "solutions/ch01_yield/hello.rs");
    assert_says(
        &said,
        "- exercise `hello`: `cargo wb check` says its reference solution is failing, where it should be solved:",
    );
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
    // And a stub changed without its original (stubs/), which `reset` restores.
    fixture.edit("exercises/ch01_yield/lazy.rs", |s| s + "// changed\n");
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
    assert_says(
        &said,
        &format!(
            "stubs/{}/ghost.rs is missing: the original of exercise `ghost`, which `cargo wb reset` restores",
            chapter.folder_name()
        ),
    );
    assert_says(
        &said,
        "exercises/ch01_yield/lazy.rs differs from its original stubs/ch01_yield/lazy.rs: \
         after changing a stub, `cargo wb bless 1` copies it there",
    );
}
