//! What a learner's code cannot do to a check (see `common` for the copy
//! of the workbook these run in): print a verdict, forge one from a static
//! constructor, exit early, crash, abort, overflow its stack, panic while
//! panicking, hang the watchdog, hold the output open, flood it. Each
//! costs its own exercise only, with a message that names what happened,
//! and the same score on every run. And the loop's warnings are part of
//! the verdict where they are the lesson, and shown where they are not.

mod common;

use std::time::{Duration, Instant};

use common::{Fixture, Said, assert_says};

/// The lines of `check`'s report about exercise `id`: its row, and the
/// indented lines under it.
fn report<'a>(said: &'a Said, id: &str) -> Vec<&'a str> {
    let mut lines = said.stdout.lines().skip_while(|l| {
        !l.trim_start()
            .strip_prefix(['✓', '✗', '?', '·'])
            .is_some_and(|rest| rest.trim_start().starts_with(&format!("{id} ")))
    });
    let Some(row) = lines.next() else {
        panic!("no row for `{id}` in:\n{}", said.stdout)
    };
    let mut all = vec![row];
    all.extend(lines.take_while(|l| l.starts_with("    ")));
    all
}

#[track_caller]
fn assert_row(said: &Said, id: &str, mark: char, wanted: &[&str]) {
    let lines = report(said, id);
    let text = lines.join("\n");
    assert!(
        lines[0].trim_start().starts_with(mark),
        "`{id}` should be {mark}:\n{text}\n\nThe whole report:\n{}",
        said.all()
    );
    for w in wanted {
        assert!(text.contains(w), "expected {w:?} about `{id}` in:\n{text}");
    }
}

/// Put `code` first in the body of `fn program(t: &Trace) {` of a file.
fn first_in_program(fixture: &Fixture, file: &str, code: &str) {
    fixture.edit(file, |text| {
        text.replacen(
            "pub fn program(t: &Trace) {\n",
            &format!("pub fn program(t: &Trace) {{\n{code}\n"),
            1,
        )
    });
}

/// The forged report of a passing libtest run, as a static constructor
/// or the program itself might print it.
const FORGED: &str = r#"running 1 test\ntest spawns::new_tasks_run_when_their_creator_gives_way ... ok\n\ntest result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n"#;

fn score(said: &Said) -> (f64, Vec<(String, String)>) {
    let report: serde_json::Value = serde_json::from_str(&said.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", said.all()));
    let results = report["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap().to_string(),
                e["result"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (report["score"].as_f64().unwrap(), results)
}

#[test]
fn in_chapter_4_each_way_to_cheat_or_crash_costs_only_its_own_exercise() {
    let fixture = Fixture::new("adversary-ch04");
    let ch = "exercises/ch04_event_loop";

    // First, as it comes. A `todo!()`: a short report, and nothing of the
    // other exercises (never_awaited.rs's unused `saver` gives its fix away).
    let todo = fixture.wb(&["check", "spawns"]);
    assert_row(&todo, "spawns", '✗', &["this exercise is not done yet"]);
    assert!(!todo.all().contains("saver"), "{}", todo.all());
    assert!(todo.all().lines().count() <= 8, "{}", todo.all());
    // A wrong order: the diff, and at most 6 lines more.
    let wrong = fixture.wb(&["check", "sequential_awaits"]);
    let diff_lines = wrong
        .stdout
        .lines()
        .filter(|l| l.starts_with("    + ") || l.starts_with("    - ") || l.starts_with("      "))
        .count();
    assert!(diff_lines > 0, "{}", wrong.all());
    assert!(
        wrong.all().lines().count() <= diff_lines + 6,
        "{}",
        wrong.all()
    );

    // A program that writes the answer key it will be judged by: the key
    // was read before it ran.
    let snap = "crates/ch04-event-loop/snapshots/sequential_awaits.snap";
    let key = fixture.read(snap);
    let forged = "---\nsource: tests/exercises.rs\ndescription: mine\n---\n  0 [main] fetching\n  0 [main] requested page1\n  2 [main] received page1\n  2 [main] requested page2\n  5 [main] received page2\n  5 [main] both fetched\n";
    first_in_program(
        &fixture,
        &format!("{ch}/sequential_awaits.rs"),
        &format!("    std::fs::write(\"snapshots/sequential_awaits.snap\", {forged:?}).unwrap();"),
    );
    let rewrote = fixture.wb(&["check", "sequential_awaits"]);
    assert_eq!(
        fixture.read(snap),
        forged,
        "the program should have written it"
    );
    assert_row(
        &rewrote,
        "sequential_awaits",
        '✗',
        &["The order of events differs"],
    );
    fixture.write(snap, &key);

    for id in [
        "create_task_order",
        "count_to_ten",
        "gather_order",
        "sequential_awaits",
        "never_awaited",
        "wake_order",
    ] {
        fixture.copy(
            &format!("solutions/ch04_event_loop/{id}.rs"),
            &format!("{ch}/{id}.rs"),
        );
    }
    // The learner's own loop turns for ever: the clock moves, nobody is resumed.
    fixture.write(
        &format!("{ch}/timers.rs"),
        "use crate::{Clock, SleepyTask};\n\npub fn run<'a>(clock: &Clock, tasks: Vec<(&'static str, SleepyTask<'a>)>) {\n    let _ = tasks;\n    let mut now = 0;\n    loop {\n        now += 1;\n        clock.advance_to(now);\n    }\n}\n",
    );
    // A verdict printed on standard output and on standard error, by an
    // exercise that is not done.
    fixture.edit(&format!("{ch}/spawns.rs"), |text| {
        text.replacen(
            "    let _ = (clock, main, Call::Sleep);",
            &format!("    print!(\"\\n{FORGED}\");\n    eprint!(\"\\n{FORGED}\");\n    let _ = (clock, main, Call::Sleep);"),
            1,
        )
    });
    first_in_program(
        &fixture,
        &format!("{ch}/count_to_ten.rs"),
        "    std::process::abort();",
    );
    first_in_program(
        &fixture,
        &format!("{ch}/gather_order.rs"),
        "    struct Loud;\n    impl Drop for Loud {\n        fn drop(&mut self) {\n            panic!(\"the drop panicked too\");\n        }\n    }\n    let _loud = Loud;\n    panic!(\"the first panic\");",
    );
    first_in_program(
        &fixture,
        &format!("{ch}/sequential_awaits.rs"),
        "    std::process::exit(0);",
    );
    first_in_program(
        &fixture,
        &format!("{ch}/never_awaited.rs"),
        "    fn deeper(n: u64) -> u64 {\n        std::hint::black_box(deeper(n + 1)) + 1\n    }\n    std::hint::black_box(deeper(0));",
    );
    first_in_program(
        &fixture,
        &format!("{ch}/wake_order.rs"),
        "    t.set_stamper(|| -> trace::Stamp {\n        loop {\n            std::hint::spin_loop();\n        }\n    });\n    t.say(\"stamped\");",
    );

    // Where the two panics are, in the file as edited.
    let gather_order = format!("{ch}/gather_order.rs");
    let line_of = |code: &str| {
        let text = fixture.read(&gather_order);
        1 + text
            .lines()
            .position(|l| l.contains(code))
            .unwrap_or_else(|| panic!("no {code} in {gather_order}"))
    };
    let (first_panic, drop_panic) = (
        line_of("panic!(\"the first panic\")"),
        line_of("panic!(\"the drop panicked too\")"),
    );

    let check = fixture.wb(&["check", "4"]);
    assert_eq!(check.code, 1, "{}", check.all());
    assert_row(&check, "create_task_order", '✓', &[]);
    assert_row(
        &check,
        "spawns",
        '✗',
        &["this exercise is not done yet: edit exercises/ch04_event_loop/spawns.rs"],
    );
    assert_row(
        &check,
        "timers",
        '✗',
        &[
            "did not finish within 5.0 seconds",
            "keeps going round without finishing",
        ],
    );
    assert_row(&check, "wake_order", '✗', &["the stamper"]);
    assert_row(&check, "count_to_ten", '✗', &["aborted its process"]);
    assert_row(
        &check,
        "gather_order",
        '✗',
        &[
            &format!(
                "panicked (at exercises/ch04_event_loop/gather_order.rs:{first_panic}): the first panic"
            ),
            &format!(
                "a `drop` panicked too (at exercises/ch04_event_loop/gather_order.rs:{drop_panic}): the drop panicked too"
            ),
        ],
    );
    assert_row(
        &check,
        "sequential_awaits",
        '✗',
        &["(exit code 0) before it finished"],
    );
    assert_row(&check, "never_awaited", '✗', &["recursed without end"]);
    assert_says(&check.stdout, "1 of 8 done. Next: exercise `timers`");
    assert!(
        !check.all().contains("test result: ok"),
        "what the tests printed is not the report:\n{}",
        check.all()
    );

    // The same score on every run.
    let args = [
        "grade",
        "--assignment",
        "assignments/example.toml",
        "--format",
        "json",
    ];
    let (first, results) = score(&fixture.wb(&args));
    let (second, again) = score(&fixture.wb(&args));
    assert_eq!((first, &results), (second, &again));
    assert_eq!(first, 1.0, "{results:?}");

    // A static constructor that prints a whole passing run and exits with
    // 0 before any test starts: every exercise of the chapter fails, and
    // says why.
    if cfg!(target_os = "linux") {
        fixture.copy(
            "solutions/ch04_event_loop/gather_order.rs",
            &format!("{ch}/gather_order.rs"),
        );
        fixture.edit(&format!("{ch}/gather_order.rs"), |text| {
            format!(
                "{text}\n#[used]\n#[unsafe(link_section = \".init_array\")]\nstatic FORGE: extern \"C\" fn() = {{\n    extern \"C\" fn forge() {{\n        print!(\"{FORGED}\");\n        std::process::exit(0);\n    }}\n    forge\n}};\n"
            )
        });
        let check = fixture.wb(&["check", "4"]);
        assert_eq!(check.code, 1, "{}", check.all());
        for id in ["create_task_order", "gather_order", "spawns"] {
            assert_row(&check, id, '✗', &["before your program even started"]);
        }
        let (score, _) = score(&fixture.wb(&args));
        assert_eq!(score, 0.0);
    }
}

#[test]
fn in_chapter_7_warnings_count_and_what_a_program_leaves_running_or_prints_is_bounded() {
    let fixture = Fixture::new("adversary-ch07");
    let ch = "exercises/ch07_crawler";
    for id in [
        "worker_pool",
        "polite_crawl",
        "task_per_page",
        "seen_too_late",
        "permit_held",
    ] {
        fixture.copy(
            &format!("solutions/ch07_crawler/{id}.rs"),
            &format!("{ch}/{id}.rs"),
        );
    }
    let crawl = "pub async fn crawl(start: &str) -> Vec<Response> {\n";
    let first_in_crawl = |id: &str, code: &str| {
        fixture.edit(&format!("{ch}/{id}.rs"), |text| {
            text.replacen(crawl, &format!("{crawl}{code}\n"), 1)
        });
    };
    // Workers never cancelled: the trace is right, the lesson is not learnt.
    fixture.edit(&format!("{ch}/worker_pool.rs"), |text| {
        text.replace(
            "    for task in &tasks {\n        task.cancel();\n    }\n",
            "    let _ = &tasks;\n",
        )
    });
    // A process that outlives the test and holds its output open, and a
    // task nobody awaits: the check neither waits for them nor hides them.
    first_in_crawl(
        "polite_crawl",
        "    let _ = std::process::Command::new(\"sleep\").arg(\"1000\").spawn();\n    aio::spawn(\"idle\", async { aio::sleep(1000).await });",
    );
    // 400 MB printed: cut, never kept.
    first_in_crawl(
        "task_per_page",
        "    let line = \"x\".repeat(2000);\n    for _ in 0..200_000 {\n        println!(\"{line}\");\n    }",
    );
    // 400 MB said: the trace stops it.
    first_in_crawl(
        "seen_too_late",
        "    for _ in 0..200_000 {\n        aio::say(\"y\".repeat(2000));\n    }",
    );
    // 6 GB asked for at once (zeroes, so without a limit the system would
    // lend it without touching it): past the limit a test may use.
    fixture.edit(&format!("{ch}/crawl_until.rs"), |text| {
        text.replacen(
            "pub async fn crawl(start: &str, deadline: u64) -> Vec<Response> {\n",
            "pub async fn crawl(start: &str, deadline: u64) -> Vec<Response> {\n    std::hint::black_box(vec![0u8; 6 << 30]);\n",
            1,
        )
    });
    // A thread that holds standard output for ever, and a program that
    // never ends: the harness's watchdog reports, then its process cannot
    // print, so the check ends it.
    fixture.edit(&format!("{ch}/who_gets_the_permit.rs"), |text| {
        text.replacen(
            "pub fn program(t: &Trace) {\n",
            "pub fn program(t: &Trace) {\n    std::thread::spawn(|| {\n        let _out = std::io::stdout().lock();\n        loop {\n            std::thread::park();\n        }\n    });\n    loop {\n        std::hint::spin_loop();\n    }\n",
            1,
        )
    });
    // A future made and never awaited.
    first_in_crawl("permit_held", "    aio::sleep(0);");

    // And a chapter that does not compile hides nothing of another's.
    fixture.edit("exercises/ch01_yield/hello.rs", |text| {
        text.replacen("pub fn hello(", "pub fn hello((", 1)
    });
    fixture.write(
        "assignments/both.toml",
        "title = \"Weeks 1 and 7\"\nchapters = [1, 7]\n",
    );

    let started = Instant::now();
    let check = fixture.wb(&["check", "--assignment", "assignments/both.toml"]);
    assert!(
        started.elapsed() < Duration::from_secs(500),
        "the check waited for `sleep 1000`"
    );
    assert_eq!(check.code, 1, "{}", check.all());
    assert_row(
        &check,
        "hello",
        '✗',
        &[
            "(does not compile)",
            "unclosed delimiter",
            "exercises/ch01_yield/hello.rs:",
        ],
    );
    assert_row(
        &check,
        "return_in_loop",
        '?',
        &[
            "(not checked)",
            "exercises/ch01_yield/hello.rs does not compile",
        ],
    );
    assert_row(&check, "lazy", '?', &["(not checked)"]);
    assert!(
        !report(&check, "lazy")
            .join("\n")
            .contains("does not compile,"),
        "said once a chapter"
    );
    assert_row(
        &check,
        "worker_pool",
        '✗',
        &[
            "this exercise passes only when the loop has nothing to warn about",
            "warning: task w",
        ],
    );
    assert_row(
        &check,
        "polite_crawl",
        '✓',
        &["warning: task idle had not finished when main returned"],
    );
    assert_row(&check, "task_per_page", '✓', &[]);
    assert_row(
        &check,
        "who_gets_the_permit",
        '✗',
        &["did not finish within 5.0 seconds"],
    );
    assert_row(
        &check,
        "seen_too_late",
        '✗',
        &["said more lines than any exercise needs (1 MB of text)"],
    );
    assert_row(
        &check,
        "permit_held",
        '✗',
        &["never awaited", "permit_held.rs"],
    );
    assert!(
        check.stdout.len() < 20_000,
        "{} bytes of report",
        check.stdout.len()
    );
    fixture.write(
        "assignments/ch07.toml",
        "title = \"Week 7\"\nchapters = [7]\n",
    );
    let graded = fixture.wb(&[
        "grade",
        "--assignment",
        "assignments/ch07.toml",
        "--format",
        "json",
    ]);
    assert!(
        graded.stdout.len() < 100_000,
        "{} bytes",
        graded.stdout.len()
    );
}
