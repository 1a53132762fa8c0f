//! An instructor's commands, in a copy of the workbook (see `common`):
//! `check` and `grade` on an assignment, and their reports.

mod common;

use common::{Fixture, assert_says, git};

const EXAMPLE: &str = "assignments/example.toml";

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// (tests, failures, errors) of the JUnit report's root, checked against
/// its test cases.
fn junit_counts(text: &str) -> (usize, usize, usize) {
    let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not XML ({e}):\n{text}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let attr = |name| root.attribute(name).unwrap().parse::<usize>().unwrap();
    let cases: Vec<_> = root
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let with = |tag| {
        cases
            .iter()
            .filter(|c| c.children().any(|n| n.has_tag_name(tag)))
            .count()
    };
    assert_eq!(attr("tests"), cases.len(), "{text}");
    assert_eq!(attr("failures"), with("failure"), "{text}");
    assert_eq!(attr("errors"), with("error"), "{text}");
    (attr("tests"), attr("failures"), attr("errors"))
}

#[test]
fn grading_scores_the_stubs_zero_and_the_solutions_full_marks() {
    let fixture = Fixture::new("grade");
    let chapter4: Vec<String> = fixture
        .workbook()
        .chapter("4")
        .unwrap()
        .exercises
        .iter()
        .map(|e| e.id.clone())
        .collect();
    // The example's weights: spawns and count_to_ten weigh 2.
    let max = chapter4.len() + 2;

    // `check --assignment` runs exactly the assignment's tests.
    let check = fixture.wb(&["check", "--assignment", EXAMPLE]);
    assert_eq!(check.code, 1, "{}", check.all());
    assert_says(&check.stdout, "Chapter 4: ");
    assert!(!check.stdout.contains("Chapter 1: "), "{}", check.stdout);
    assert_says(&check.stdout, &format!("0 of {} done.", chapter4.len()));
    assert!(!check.stdout.contains("hello"), "{}", check.stdout);

    // The stubs: every exercise fails, the score is 0, the exit status 1.
    let graded = fixture.wb(&["grade", "--assignment", EXAMPLE, "--format", "json"]);
    assert_eq!(graded.code, 1, "{}", graded.all());
    let report = json(&graded.stdout);
    assert_eq!(report["score"], 0);
    assert_eq!(report["max_score"], max);
    assert_eq!(report["passed"], 0);
    assert_eq!(report["assignment"]["title"], "Week 4: the event loop");
    assert_eq!(report["assignment"]["due"], "2026-03-14");
    let exercises = report["exercises"].as_array().unwrap();
    let ids: Vec<&str> = exercises
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, chapter4);
    for e in exercises {
        assert_eq!(e["result"], "failed", "{e}");
        assert_eq!(e["points"], 0);
        // What the failing test said (the todo!, the empty prediction, the diff).
        assert!(!e["tests"][0]["output"].as_str().unwrap().is_empty(), "{e}");
    }
    let junit = fixture.wb(&["grade", "--assignment", EXAMPLE, "--format", "junit"]);
    assert_eq!(junit.code, 1);
    assert_eq!(
        junit_counts(&junit.stdout),
        (chapter4.len(), chapter4.len(), 0)
    );

    // The solutions: full marks, exit status 0, in every format.
    for id in &chapter4 {
        fixture.copy(
            &format!("solutions/ch04_event_loop/{id}.rs"),
            &format!("exercises/ch04_event_loop/{id}.rs"),
        );
    }
    let graded = fixture.wb(&["grade", "--assignment", EXAMPLE, "--format", "json"]);
    assert_eq!(graded.code, 0, "{}", graded.all());
    let report = json(&graded.stdout);
    assert_eq!(report["score"], max);
    assert_eq!(report["percent"], 100);
    assert_eq!(report["passed"], chapter4.len());
    let spawns = &report["exercises"][ids.iter().position(|i| *i == "spawns").unwrap()];
    assert_eq!(
        (spawns["weight"].as_u64(), spawns["points"].as_u64()),
        (Some(2), Some(2))
    );
    let junit = fixture.wb(&["grade", "--assignment", EXAMPLE, "--format", "junit"]);
    assert_eq!(junit_counts(&junit.stdout), (chapter4.len(), 0, 0));
    let text = fixture.wb(&["grade", "--assignment", EXAMPLE]);
    assert_says(
        &text.stdout,
        &format!(
            "Score: {max} of {max} (100%); {0} of {0} exercises pass.",
            chapter4.len()
        ),
    );
    let markdown = fixture.wb(&["grade", "--assignment", EXAMPLE, "--format", "markdown"]);
    assert_says(
        &markdown.stdout,
        &format!("### Week 4: the event loop: score {max} of {max} (100%)"),
    );
    assert_says(
        &markdown.stdout,
        "| `spawns` Starting tasks | 4 | ✅ passed | 2 / 2 |",
    );

    // A chapter that does not compile costs only its own exercises.
    fixture.write(
        "assignments/two.toml",
        "title = \"Two chapters\"\nchapters = [4]\nexercises = [\"hello\"]\n",
    );
    fixture.edit("exercises/ch01_yield/hello.rs", |s| {
        s + "\nthis is not Rust\n"
    });
    let graded = fixture.wb(&[
        "grade",
        "--assignment",
        "assignments/two.toml",
        "--format",
        "json",
    ]);
    assert_eq!(graded.code, 1, "{}", graded.all());
    let report = json(&graded.stdout);
    assert_eq!(report["score"], chapter4.len());
    assert_eq!(report["max_score"], chapter4.len() + 1);
    assert_eq!(report["exercises"][0]["id"], "hello");
    assert_eq!(report["exercises"][0]["result"], "does not compile");
    let junit = fixture.wb(&[
        "grade",
        "--assignment",
        "assignments/two.toml",
        "--format",
        "junit",
    ]);
    assert_eq!(junit_counts(&junit.stdout), (chapter4.len() + 1, 0, 1));
    // ...and status, which learners run, tells them the same.
    let status = fixture.wb(&["status", "--assignment", "assignments/two.toml"]);
    assert_says(&status.stdout, "From yield to await: Two chapters");
    assert_says(&status.stdout, "does not compile");
    assert_says(
        &status.stdout,
        &format!("{} of {} solved.", chapter4.len(), chapter4.len() + 1),
    );

    // Bad input: one line, with the file and the line, and exit status 2.
    fixture.write(
        "assignments/broken.toml",
        "title = \"Broken\"\n\nchapters = [4\n",
    );
    fixture.write("assignments/typo.toml", "chapters = [4]\nweights = 2\n");
    fixture.write("assignments/unknown.toml", "exercises = [\"nope\"]\n");
    for (args, wanted) in [
        (
            vec!["grade", "--assignment", "assignments/broken.toml"],
            "cargo wb: assignments/broken.toml: line 3: ",
        ),
        (
            vec!["check", "--assignment", "assignments/typo.toml"],
            "cargo wb: assignments/typo.toml: line 2: `weights` should be a table",
        ),
        (
            vec!["status", "--assignment", "assignments/unknown.toml"],
            "cargo wb: assignments/unknown.toml: line 1: no exercise `nope` in workbook.toml",
        ),
        (
            vec!["grade", "--assignment", "assignments/missing.toml"],
            "cargo wb: assignments/missing.toml: cannot read the assignment: ",
        ),
        (
            vec!["grade", "--assignment", EXAMPLE, "--format", "pdf"],
            "cargo wb: there is no format `pdf`; the formats are text, json, junit, markdown, csv",
        ),
        (vec!["grade"], "cargo wb: which assignment?"),
    ] {
        let said = fixture.wb(&args);
        assert_eq!(said.code, 2, "{args:?}: {}", said.all());
        assert_says(&said.stderr, wanted);
        assert_eq!(said.stderr.lines().count(), 1, "{args:?}: {}", said.stderr);
    }
}

#[test]
fn a_report_always_comes_and_is_always_valid() {
    let fixture = Fixture::new("grade-robust");
    fixture.copy(
        "solutions/ch04_event_loop/spawns.rs",
        "exercises/ch04_event_loop/spawns.rs",
    );
    std::fs::remove_file(fixture.path("exercises/ch04_event_loop/timers.rs")).unwrap();

    // One exercise file missing: it scores 0 and says why; the report is
    // whole, in every format.
    let graded = fixture.wb(&["grade", "--assignment", EXAMPLE, "--format", "json"]);
    assert_eq!(graded.code, 1, "{}", graded.all());
    let report = json(&graded.stdout);
    let exercises = report["exercises"].as_array().unwrap();
    let timers = exercises.iter().find(|e| e["id"] == "timers").unwrap();
    assert_eq!(timers["result"], "missing");
    assert_eq!(timers["points"], 0);
    assert!(
        timers["tests"][0]["output"]
            .as_str()
            .unwrap()
            .contains("exercises/ch04_event_loop/timers.rs is missing (`cargo wb reset timers` puts the original back)"),
        "{timers}"
    );
    assert_eq!(exercises.len(), 8);
    let junit = fixture.wb(&["grade", "--assignment", EXAMPLE, "--format", "junit"]);
    junit_counts(&junit.stdout);

    // Weights too large for a score are refused, naming the line.
    fixture.write(
        "assignments/huge.toml",
        "chapters = [4]\n[weights]\nspawns = 1e308\n",
    );
    let huge = fixture.wb(&["grade", "--assignment", "assignments/huge.toml"]);
    assert_eq!(huge.code, 2, "{}", huge.all());
    assert_says(
        &huge.stderr,
        "cargo wb: assignments/huge.toml: line 3: the weight of `spawns` should be a number more than 0 and at most 1,000,000",
    );
    assert_eq!(huge.stdout, "");

    // An argument that is not UTF-8: one line, exit 2.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let out = fixture
            .command(&[])
            .arg("check")
            .arg(std::ffi::OsStr::from_bytes(b"hel\xfflo"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(said.lines().count(), 1, "{said}");
        assert_says(&said, "is not UTF-8 text");
    }
}

#[test]
fn a_submission_is_graded_in_the_instructors_copy_and_every_other_change_is_ignored() {
    let fixture = Fixture::new("grade-submission");
    git(&fixture.root, &["init", "-q"]);
    git(&fixture.root, &["add", "-A"]);
    git(&fixture.root, &["commit", "-q", "-m", "the course"]);

    // A learner's clone: one exercise solved, and every way to pass
    // without solving the others that a copy of one's own allows.
    let learner = fixture.root.join("target/learner");
    let _ = std::fs::remove_dir_all(&learner);
    git(
        &fixture.root,
        &[
            "worktree",
            "add",
            "-q",
            "--detach",
            learner.to_str().unwrap(),
        ],
    );
    let edit = |file: &str, change: &dyn Fn(String) -> String| {
        let path = learner.join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, change(text)).unwrap();
    };
    let solution = fixture.read("solutions/ch04_event_loop/spawns.rs");
    edit("exercises/ch04_event_loop/spawns.rs", &|_| solution.clone());
    edit("crates/ch04-event-loop/Cargo.toml", &|t| {
        t.replace(
            "solutions = []",
            "solutions = []\ndefault = [\"solutions\"]",
        )
    });
    edit(".cargo/config.toml", &|t| {
        t + "\n[build]\nrustflags = [\"--cfg\", \"feature=\\\"solutions\\\"\"]\n"
    });
    edit("crates/ch04-event-loop/build.rs", &|_| {
        "fn main() { println!(\"cargo::rustc-cfg=feature=\\\"solutions\\\"\"); }\n".into()
    });
    edit("workbook.toml", &|t| {
        t.replace(
            "tests = [\"timers::sleepers_wake_in_deadline_order\"]",
            "tests = [\"spawns::new_tasks_run_when_their_creator_gives_way\"]",
        )
    });
    edit("crates/harness/src/lib.rs", &|t| {
        t.replacen(
            "        let ran = self.run(name, program);\n",
            "        return;\n        let ran = self.run(name, program);\n",
            1,
        )
    });
    edit("crates/ch04-event-loop/snapshots/gather_order.snap", &|t| {
        t.lines().take(4).collect::<Vec<_>>().join("\n") + "\n"
    });

    let graded = fixture.wb(&[
        "grade",
        "--assignment",
        EXAMPLE,
        "--format",
        "json",
        "--submission",
        learner.to_str().unwrap(),
    ]);
    assert_eq!(graded.code, 1, "{}", graded.all());
    let report = json(&graded.stdout);
    assert_eq!(
        report["score"], 2,
        "only spawns, weight 2: {}",
        graded.stdout
    );
    let ignored: Vec<&str> = report["submission"]["ignored"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(
        ignored,
        [
            ".cargo/config.toml",
            "crates/ch04-event-loop/Cargo.toml",
            "crates/ch04-event-loop/build.rs",
            "crates/ch04-event-loop/snapshots/gather_order.snap",
            "crates/harness/src/lib.rs",
            "workbook.toml",
        ]
    );
    // The instructor's own files are as they were.
    assert_eq!(
        fixture.read("exercises/ch04_event_loop/spawns.rs"),
        fixture.read("stubs/ch04_event_loop/spawns.rs")
    );

    // A class: a folder of submissions, one table.
    let class = fixture.root.join("target/class");
    let _ = std::fs::remove_dir_all(&class);
    for (name, solved) in [("ann", true), ("bo", false)] {
        let dir = class.join(name).join("exercises/ch04_event_loop");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            class.join(name).join("workbook.toml"),
            fixture.read("workbook.toml"),
        )
        .unwrap();
        if solved {
            std::fs::write(dir.join("spawns.rs"), &solution).unwrap();
        }
    }
    let table = fixture.wb(&[
        "grade",
        "--assignment",
        EXAMPLE,
        "--format",
        "csv",
        "--submission",
        class.to_str().unwrap(),
        "--reports",
        fixture.root.join("target/reports").to_str().unwrap(),
    ]);
    let rows: Vec<&str> = table.stdout.lines().collect();
    assert_eq!(rows.len(), 3, "{}", table.all());
    assert!(
        rows[0].starts_with("learner,score,max_score,percent,timers,"),
        "{}",
        rows[0]
    );
    assert!(rows[1].starts_with("ann,2,10,20,0,0,2,"), "{}", rows[1]);
    assert!(rows[2].starts_with("bo,0,10,0,"), "{}", rows[2]);
    // And each learner's own reports.
    let ann = json(&fixture.read("target/reports/ann.json"));
    assert_eq!(ann["score"], 2);
    assert_eq!(junit_counts(&fixture.read("target/reports/bo.xml")).0, 8);
}

#[test]
fn a_copy_changed_where_it_decides_results_says_its_grade_cannot_be_trusted() {
    let fixture = Fixture::new("grade-untrusted");
    let clean = fixture.wb(&["grade", "--assignment", EXAMPLE, "--format", "json"]);
    let report = json(&clean.stdout);
    assert_eq!(report["trusted"], true, "{}", clean.stdout);

    // The learner's own copy, changed and committed: it is compared with
    // what was given out (workbook.sums), not with the learner's commit.
    fixture.edit("crates/ch04-event-loop/Cargo.toml", |t| {
        t.replace(
            "solutions = []",
            "solutions = []\ndefault = [\"solutions\"]",
        )
    });
    git(&fixture.root, &["init", "-q"]);
    git(&fixture.root, &["add", "-A"]);
    git(&fixture.root, &["commit", "-q", "-m", "mine"]);
    let graded = fixture.wb(&["grade", "--assignment", EXAMPLE, "--format", "json"]);
    let report = json(&graded.stdout);
    assert_eq!(report["trusted"], false, "{}", graded.stdout);
    assert_eq!(
        report["untrusted"][0],
        "crates/ch04-event-loop/Cargo.toml (changed)"
    );
    let text = fixture.wb(&["grade", "--assignment", EXAMPLE]);
    assert_says(
        &text.stdout,
        "UNTRUSTED: graded in a copy whose files are not as the workbook was given out: crates/ch04-event-loop/Cargo.toml (changed).",
    );
    let doctor = fixture.wb(&["doctor"]);
    assert_says(
        &doctor.stdout,
        "✗ crates/ch04-event-loop/Cargo.toml (changed): not as the workbook was given out (workbook.sums)",
    );
    assert_says(
        &doctor.stdout,
        "fix: git checkout origin/HEAD -- crates/ch04-event-loop/Cargo.toml",
    );
    let check = fixture.wb(&["check", "spawns"]);
    assert_says(
        &check.stderr,
        "note: crates/ch04-event-loop/Cargo.toml (changed) is not as the workbook was given out",
    );
    // Every other way a copy of one's own decides its grade is named too
    // (the checks compare each file with workbook.sums, so doctor shows
    // what grade would mark, without a build).
    fixture.edit(".cargo/config.toml", |t| {
        t.replace("value = \"0\", force = true", "value = \"1\", force = true")
            + "\n[build]\nrustflags = [\"--cfg\", \"feature=\\\"solutions\\\"\"]\n"
    });
    fixture.write(
        "crates/ch04-event-loop/build.rs",
        "fn main() { println!(\"cargo::rustc-cfg=feature=\\\"solutions\\\"\"); }\n",
    );
    fixture.edit("workbook.toml", |t| {
        t.replace(
            "tests = [\"spawns::new_tasks_run_when_their_creator_gives_way\"]",
            "tests = [\"timers::sleepers_wake_in_deadline_order\"]",
        )
    });
    fixture.edit("crates/ch04-event-loop/snapshots/gather_order.snap", |t| {
        t.lines().take(4).collect::<Vec<_>>().join("\n") + "\n"
    });
    fixture.edit("crates/ch04-event-loop/tests/exercises.rs", |t| {
        t.replacen(
            "    fn prediction() {\n",
            "    fn prediction() {\n        return;\n",
            1,
        )
    });
    let doctor = fixture.wb(&["doctor"]);
    for named in [
        ".cargo/config.toml (changed)",
        "crates/ch04-event-loop/build.rs (added)",
        "crates/ch04-event-loop/snapshots/gather_order.snap (changed)",
        "crates/ch04-event-loop/tests/exercises.rs (changed)",
        "workbook.toml (changed)",
    ] {
        assert_says(
            &doctor.stdout,
            &format!("✗ {named}: not as the workbook was given out"),
        );
    }
}

/// A `timers` read off its answer key: the resumes in the order the
/// snapshot shows, at its times, and no loop at all.
const SCRIPTED_TIMERS: &str = "use crate::{Clock, SleepyTask};

pub fn run<'a>(clock: &Clock, mut tasks: Vec<(&'static str, SleepyTask<'a>)>) {
    for (time, i) in [(0, 0), (0, 1), (0, 2), (1, 1), (2, 0), (2, 2), (2, 0)] {
        clock.advance_to(time);
        clock.set_running(tasks[i].0);
        let _ = tasks[i].1.resume();
    }
}
";

#[test]
fn hidden_variants_fail_an_answer_copied_from_the_answer_key() {
    let fixture = Fixture::new("grade-variants");
    fixture.write("exercises/ch04_event_loop/timers.rs", SCRIPTED_TIMERS);
    fixture.copy(
        "solutions/ch04_event_loop/spawns.rs",
        "exercises/ch04_event_loop/spawns.rs",
    );
    let points = |report: &serde_json::Value, id: &str| {
        report["exercises"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap()["points"]
            .as_f64()
            .unwrap()
    };
    // The exercises' own tests only: the copied answer passes.
    let variants = fixture.path("assignments/example.variants");
    let aside = fixture.path("target/example.variants");
    let _ = std::fs::remove_dir_all(&aside);
    std::fs::create_dir_all(aside.parent().unwrap()).unwrap();
    std::fs::rename(&variants, &aside).unwrap();
    let without = json(
        &fixture
            .wb(&["grade", "--assignment", EXAMPLE, "--format", "json"])
            .stdout,
    );
    assert_eq!(
        (points(&without, "timers"), points(&without, "spawns")),
        (1.0, 2.0)
    );
    // With the hidden tests: it does not, and the real answer still does.
    std::fs::rename(&aside, &variants).unwrap();
    let graded = fixture.wb(&["grade", "--assignment", EXAMPLE, "--format", "json"]);
    let with = json(&graded.stdout);
    assert_eq!(
        (points(&with, "timers"), points(&with, "spawns")),
        (0.0, 2.0),
        "{}",
        graded.stdout
    );
    let timers = with["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "timers")
        .unwrap();
    let hidden = timers["tests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "hidden:timers::other_sleepers")
        .unwrap();
    assert_eq!(hidden["result"], "failed");
    // What failed is said; what the hidden answer key holds is not.
    let output = hidden["output"].as_str().unwrap();
    assert!(
        output.starts_with(
            "a hidden test of the assignment (the exercise's functions, called with other inputs) fails: "
        ),
        "{output}"
    );
    assert!(!output.contains("woke again"), "{output}");
}
