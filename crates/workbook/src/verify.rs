//! `cargo wb verify`: the maintainers' gate, and CI's. Each check prints
//! one PASS, FAIL or SKIP line (a FAIL with its problems under it); the
//! last line counts them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};
use std::time::Duration;

use anyhow::{Context, Result};
// `external::python` in full: `python` here is the check.
use external::python::Failure;
use manifest::{Chapter, Workbook, snapshot_body};

use crate::cargo::{self, DEMOS, DOC_TESTS, EXERCISES, Outcome, Show, TestResult, TestRun};
use crate::markdown;
use crate::paths::{files_with_ext, rel, subfolders};
use crate::progress;
use crate::scaffold::PLACEHOLDER;
use crate::style;

/// The checks, in the order they run.
pub const CHECKS: [&str; 8] = [
    "tooling",
    "solutions",
    "stubs",
    "manifest",
    "figures",
    "book",
    "python",
    "browser",
];

/// How long a Python twin may run: they print a few lines and end.
const PYTHON_TIMEOUT: Duration = Duration::from_secs(60);

pub fn find_check(name: &str) -> Result<&'static str, String> {
    CHECKS
        .iter()
        .find(|c| **c == name.trim())
        .copied()
        .ok_or_else(|| {
            format!(
                "there is no check `{name}`; the checks are {}",
                CHECKS.join(", ")
            )
        })
}

enum Verdict {
    Pass(String),
    /// The problems found, each a line and possibly details under it.
    Fail(Vec<String>),
    Skip(String),
}

pub fn run(wb: &Workbook, checks: &[&str]) -> Result<ExitCode> {
    if let Some(note) = crate::doctor::answer_key_note(wb) {
        println!("{note}");
    }
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    for &name in checks {
        let verdict = match name {
            "tooling" => tooling(wb)?,
            "solutions" => crate::figures::while_solutions_run(wb, checks, || solutions(wb))?,
            "stubs" => stubs(wb)?,
            "manifest" => agreement(wb)?,
            "figures" => match crate::figures::verify(wb)? {
                Ok(why) => Verdict::Pass(why),
                Err(problems) => Verdict::Fail(problems),
            },
            "book" => book(wb)?,
            "python" => python(wb)?,
            "browser" => browser(wb)?,
            _ => unreachable!("find_check only returns names from CHECKS"),
        };
        match verdict {
            Verdict::Pass(why) => {
                passed += 1;
                println!("{} {name}: {why}", style::green("PASS"));
            }
            Verdict::Skip(why) => {
                skipped += 1;
                println!("{} {name}: {why}", style::yellow("SKIP"));
            }
            Verdict::Fail(problems) => {
                failed += 1;
                print_failure(name, &problems);
            }
        }
    }
    let skipped = match skipped {
        0 => String::new(),
        n => format!(", {n} skipped"),
    };
    println!("verify: {passed} passed, {failed} failed{skipped}");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// One problem goes on the FAIL line itself; several go under it.
fn print_failure(name: &str, problems: &[String]) {
    let fail = style::red("FAIL");
    if let [only] = problems {
        let (first, rest) = only.split_once('\n').unwrap_or((only, ""));
        println!("{fail} {name}: {first}");
        if !rest.is_empty() {
            println!("{}", indent(rest));
        }
    } else {
        println!("{fail} {name}: {} problems", problems.len());
        for problem in problems {
            let (first, rest) = problem.split_once('\n').unwrap_or((problem, ""));
            println!("  - {first}");
            if !rest.is_empty() {
                println!("{}", indent(rest));
            }
        }
    }
}

/// 1. The workbook's own crates pass their tests: every crate in `crates/`
///    that is not a chapter's (the trace, the harness, the loops, `cargo wb`…).
fn tooling(wb: &Workbook) -> Result<Verdict> {
    let chapter_crates: Vec<String> = wb.chapters.iter().map(|c| c.crate_name()).collect();
    let crates: Vec<String> = subfolders(&wb.root.join("crates"))
        .iter()
        .filter(|dir| dir.join("Cargo.toml").is_file())
        .filter_map(|dir| Some(dir.file_name()?.to_string_lossy().into_owned()))
        .filter(|name| !chapter_crates.contains(name))
        .collect();
    let names = crates.join(", ");
    let args: Vec<&str> = crates.iter().flat_map(|c| ["-p", c.as_str()]).collect();
    let run = cargo::test(&wb.root, &args, Show::Capture)?;
    let problems = failures(&run, &format!("the tooling ({names})"), |r| {
        format!(
            "{} fails ({}):\n{}",
            r.name,
            r.target.as_deref().unwrap_or("?"),
            r.output
        )
    });
    Ok(verdict(problems, || {
        format!("{} tests of {names} pass", run.count(Outcome::Passed))
    }))
}

/// 2. Every reference solution passes every test of its chapter.
fn solutions(wb: &Workbook) -> Result<Verdict> {
    let (mut problems, mut passed) = (Vec::new(), 0);
    for chapter in chapters(wb) {
        let name = chapter.crate_name();
        let run = cargo::test(
            &wb.root,
            &["-p", &name, "--features", "solutions", "--no-fail-fast"],
            Show::Capture,
        )?;
        passed += run.count(Outcome::Passed);
        problems.extend(failures(
            &run,
            &format!("{name} with --features solutions"),
            |r| {
                let whose = match exercise_of(chapter, r) {
                    Some(e) => format!(
                        "exercise `{}`, {}",
                        e.id,
                        rel(&wb.root, &chapter.solution_file(&wb.root, e))
                    ),
                    None => format!("crates/{name}/{}", r.target.as_deref().unwrap_or("?")),
                };
                format!(
                    "{name}: {} fails with the reference solutions ({whose}):\n{}",
                    r.name, r.output
                )
            },
        ));
    }
    // And as `cargo wb check` judges them: each test in a process of its
    // own, its record against the answer key.
    problems.extend(judged_unlike(
        wb,
        progress::Files::Solutions,
        progress::State::Solved,
    )?);
    problems.extend(hidden_tests_unlike_the_solutions(wb)?);
    Ok(verdict(problems, || {
        format!(
            "{passed} tests pass with the reference solutions, and `cargo wb check` passes each one"
        )
    }))
}

/// 3. Every stub compiles, and fails every test of its exercise: a
///    stub that passes would tell a learner "done" before they start.
fn stubs(wb: &Workbook) -> Result<Verdict> {
    let (mut problems, mut failing) = (Vec::new(), 0);
    for chapter in chapters(wb) {
        let name = chapter.crate_name();
        // Captured and not shown: failing is what stubs are for.
        let run = cargo::test(&wb.root, &["-p", &name, "--no-fail-fast"], Show::Capture)?;
        if run.did_not_compile() {
            problems.push(format!("the stubs of {name} do not compile (a stub must compile, then fail its tests):\n{}", run.errors()));
            continue;
        }
        for exercise in &chapter.exercises {
            let (id, file) = (&exercise.id, chapter.exercise_path_for_humans(exercise));
            for test in &exercise.tests {
                match run.outcome(test, EXERCISES).map(|r| r.outcome) {
                    Some(Outcome::Failed) => failing += 1,
                    Some(Outcome::Passed) => problems.push(format!("stub passes its own test: {id} {test} ({file})")),
                    Some(Outcome::Ignored) => problems.push(format!("{id} {test} is #[ignore]d, so it checks nothing")),
                    Some(Outcome::Listed) | None => problems.push(format!(
                        "{id} {test} did not run on the stubs: crates/{name}/tests/exercises.rs has no such test"
                    )),
                }
            }
        }
    }
    // And as `cargo wb check` judges them: each fails, none crashes.
    problems.extend(judged_unlike(
        wb,
        progress::Files::Learner,
        progress::State::Failing,
    )?);
    Ok(verdict(problems, || {
        format!(
            "all {failing} exercise tests fail on the stubs, as they should, and `cargo wb check` says so"
        )
    }))
}

/// Every assignment's hidden tests pass on the reference solutions, with
/// their answer keys.
fn hidden_tests_unlike_the_solutions(wb: &Workbook) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for file in files_with_ext(&wb.root.join("assignments"), "toml") {
        let Some(variants) = progress::Variants::of(&file) else {
            continue;
        };
        let shown = rel(&wb.root, &file);
        let assignment =
            crate::assignment::Assignment::load(wb, &file).map_err(|e| anyhow::anyhow!("{e}"))?;
        let selection = assignment.selection(wb);
        let ran =
            progress::run_tests_with(wb, &selection, progress::Files::Solutions, Some(&variants))?;
        for (chapter, exercises) in &selection {
            for exercise in exercises {
                let told = ran.told(wb, chapter, exercise);
                if told.state != progress::State::Solved {
                    problems.push(format!(
                        "the hidden tests of {shown} fail on the reference solution of `{}` (`cargo wb bless --variants {shown}` rewrites their answer keys):\n{}",
                        exercise.id,
                        told.failures.join("\n")
                    ));
                }
            }
        }
    }
    Ok(problems)
}

/// Every exercise as `cargo wb check` judges `files`: one problem for each
/// whose state is not `wanted`.
fn judged_unlike(
    wb: &Workbook,
    files: progress::Files,
    wanted: progress::State,
) -> Result<Vec<String>> {
    let everything = progress::everything(wb);
    let judged = progress::run_tests_of(wb, &everything, files)?;
    let mut problems = Vec::new();
    for (chapter, exercises) in &everything {
        for exercise in exercises {
            let told = judged.told(wb, chapter, exercise);
            if told.state != wanted {
                problems.push(format!(
                    "exercise `{}`: `cargo wb check` says {} is {}, where it should be {}:\n{}",
                    exercise.id,
                    match files {
                        progress::Files::Solutions => "its reference solution",
                        progress::Files::Learner => "its stub",
                    },
                    told.state.words(),
                    wanted.words(),
                    told.failures.join("\n")
                ));
            }
        }
    }
    Ok(problems)
}

/// 4. workbook.toml, the files on disk and the book's pages agree.
fn agreement(wb: &Workbook) -> Result<Verdict> {
    let root = &wb.root;
    let mut problems = Vec::new();
    let mut known_files = BTreeSet::new();
    for (chapter, exercise) in wb.exercises() {
        let id = &exercise.id;
        for (file, what) in [
            (chapter.exercise_file(root, exercise), "stub"),
            (chapter.solution_file(root, exercise), "solution"),
        ] {
            if !file.is_file() {
                problems.push(format!(
                    "{} is missing: the {what} of exercise `{id}` in workbook.toml",
                    rel(root, &file)
                ));
            }
            known_files.insert(file);
        }
        let (file, original) = (
            chapter.exercise_file(root, exercise),
            chapter.stub_file(root, exercise),
        );
        match (std::fs::read(&original), std::fs::read(&file)) {
            (Err(_), _) => problems.push(format!(
                "{} is missing: the original of exercise `{id}`, which `cargo wb reset` restores; `cargo wb bless {}` copies it from exercises/",
                rel(root, &original),
                chapter.number
            )),
            (Ok(a), Ok(b)) if a != b => problems.push(format!(
                "{} differs from its original {}: after changing a stub, `cargo wb bless {}` copies it there (`cargo wb reset {id}` puts the original back if the change was a mistake)",
                rel(root, &file),
                rel(root, &original),
                chapter.number
            )),
            _ => {}
        }
        known_files.insert(original);
        let mut placeholders = Vec::new();
        if exercise.title.contains(PLACEHOLDER) {
            placeholders.push("its title in workbook.toml".to_string());
        }
        if exercise.hints.iter().any(|h| h.contains(PLACEHOLDER)) {
            placeholders.push("its hints in workbook.toml".to_string());
        }
        for path in [&file, &chapter.solution_file(root, exercise)] {
            if std::fs::read_to_string(path).is_ok_and(|t| t.contains(PLACEHOLDER)) {
                placeholders.push(rel(root, path));
            }
        }
        if !placeholders.is_empty() {
            problems.push(format!(
                "exercise `{id}` still has {PLACEHOLDER} placeholders to write: {}",
                placeholders.join(", ")
            ));
        }
        let page = chapter.page_path_for_humans(exercise);
        match std::fs::read_to_string(chapter.page_file(root, exercise)) {
            Err(_) => problems.push(format!("{page} is missing: the page of exercise `{id}` in workbook.toml")),
            Ok(text) if !text.contains(&format!("Exercise `{id}`")) => problems.push(format!(
                "{page} does not announce exercise `{id}`: it should say **Exercise `{id}`** where the text reaches it (docs/authoring.md)"
            )),
            Ok(_) => {}
        }
        for test in exercise
            .tests
            .iter()
            .filter(|t| !t.starts_with(&format!("{id}::")))
        {
            problems.push(format!("exercise `{id}` lists test `{test}`, but its tests belong in `mod {id}` of tests/exercises.rs"));
        }
    }
    for folder in ["exercises", "solutions", "stubs"] {
        for file in files_with_ext(&root.join(folder), "rs") {
            if !known_files.contains(&file) {
                problems.push(format!("{} is in no exercise of workbook.toml: add the exercise there, or delete the file", rel(root, &file)));
            }
        }
    }
    for chapter in chapters(wb) {
        let name = chapter.crate_name();
        if !chapter.crate_dir(root).join("Cargo.toml").is_file() {
            problems.push(format!(
                "crates/{name} is missing: chapter {} has exercises, so it needs its crate",
                chapter.number
            ));
            continue;
        }
        problems.extend(test_names(wb, chapter)?);
        for snap in files_with_ext(&chapter.snapshot_dir(root), "snap") {
            let text = std::fs::read_to_string(&snap).unwrap_or_default();
            if snapshot_body(&text).is_none() {
                problems.push(format!(
                    "{} does not start with the 4-line header (---, source:, description:, ---); the book shows snapshots from line 5",
                    rel(root, &snap)
                ));
            }
        }
    }
    for dir in subfolders(&root.join("crates")) {
        let name = dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let looks_like_a_chapter = name.len() > 5
            && name.starts_with("ch")
            && name[2..4].bytes().all(|b| b.is_ascii_digit());
        if looks_like_a_chapter && !wb.chapters.iter().any(|c| c.crate_name() == name) {
            problems.push(format!(
                "crates/{name} belongs to no chapter of workbook.toml"
            ));
        }
    }
    problems.extend(crate::hint_leaks::problems(wb));
    if !crate::plan::is_current(wb) {
        problems.push(format!(
            "{} does not match workbook.toml: `cargo wb plan` rewrites it",
            crate::plan::PAGE
        ));
    }
    // The checksums a copy is compared with are those of these files.
    match crate::sums::differences(root) {
        None => problems.push(format!(
            "{} is missing: `cargo wb bless --checksums` writes it",
            crate::sums::FILE
        )),
        Some(found) if !found.is_empty() => {
            let shown: Vec<String> = found.iter().map(|d| d.to_string()).collect();
            problems.push(format!(
                "{} is stale: {}; once these are as you mean them, `cargo wb bless --checksums` rewrites it",
                crate::sums::FILE,
                shown.join(", ")
            ));
        }
        Some(_) => {}
    }
    let exercises = wb.exercises().count();
    Ok(verdict(problems, || {
        format!(
            "{exercises} exercises: files, crates, tests, pages, snapshots and checksums agree, and no hint gives away a line of its solution"
        )
    }))
}

/// The chapter crate's tests are exactly the manifest's, plus demos.
fn test_names(wb: &Workbook, chapter: &Chapter) -> Result<Vec<String>> {
    let name = chapter.crate_name();
    let run = cargo::test(
        &wb.root,
        &["-p", &name, "--features", "solutions", "--", "--list"],
        Show::Capture,
    )?;
    if !run.success {
        return Ok(vec![format!(
            "cannot list the tests of {name}:\n{}",
            run.errors()
        )]);
    }
    let in_exercises_rs: BTreeSet<&str> = run
        .results
        .iter()
        .filter(|r| r.target.as_deref() == Some(EXERCISES))
        .map(|r| r.name.as_str())
        .collect();
    let mut problems = Vec::new();
    for exercise in &chapter.exercises {
        for test in exercise
            .tests
            .iter()
            .filter(|t| !in_exercises_rs.contains(t.as_str()))
        {
            problems.push(format!(
                "exercise `{}` names test `{test}`, which crates/{name}/tests/exercises.rs does not have",
                exercise.id
            ));
        }
    }
    for r in &run.results {
        let target = r.target.as_deref().unwrap_or("?");
        let is_demo = target == DEMOS || r.name.split("::").any(|part| part == "demos");
        // A test file that exists only with the solutions (tests/echo_under_load.rs)
        // checks the reference answers, never a learner's file.
        let of_solutions = std::fs::read_to_string(chapter.crate_dir(&wb.root).join(target))
            .is_ok_and(|text| text.contains("#![cfg(feature = \"solutions\")]"));
        if target == DOC_TESTS || is_demo || of_solutions || exercise_of(chapter, r).is_some() {
            continue;
        }
        problems.push(format!(
            "test `{}` in crates/{name}/{target} belongs to no exercise in workbook.toml: add it to an exercise's `tests`, \
             make it a demo (in tests/demos.rs or a `demos::` module), or a check of the solutions only \
             (a tests/ file that starts with #![cfg(feature = \"solutions\")])",
            r.name
        ));
    }
    Ok(problems)
}

/// 5. The book shows only included code, its includes exist, and it builds.
fn book(wb: &Workbook) -> Result<Verdict> {
    let root = &wb.root;
    let mut problems = Vec::new();
    let pages = files_with_ext(&root.join("book/src"), "md");
    if pages.is_empty() {
        problems.push("book/src has no pages".to_string());
    }
    for page in &pages {
        let text = std::fs::read_to_string(page)
            .with_context(|| format!("cannot read {}", page.display()))?;
        let shown = rel(root, page);
        for line in markdown::pasted_code(&text) {
            problems.push(format!(
                "{shown}:{line}: code pasted into a rust/python block; include it from a compiled, tested file ({{{{#include …}}}})"
            ));
        }
        for include in markdown::includes(&text) {
            let target = page.parent().unwrap_or(root).join(&include.path);
            let at = format!("{shown}:{}", include.line);
            match (std::fs::read_to_string(&target), &include.anchor) {
                (Err(_), _) => problems.push(format!(
                    "{at}: includes {}, which does not exist",
                    include.path
                )),
                (Ok(text), Some(anchor)) if !markdown::has_anchor(&text, anchor) => {
                    problems.push(format!(
                        "{at}: {} has no anchor `{anchor}` (ANCHOR: {anchor})",
                        include.path
                    ))
                }
                _ => {}
            }
        }
    }
    problems.extend(crate::answers_in_demos::problems(wb));
    match cargo::book_builder(root, false) {
        None => problems
            .push("book builder missing: crates/wb-book is not in this workbook".to_string()),
        Some(mut builder) => {
            eprintln!("$ cargo run -q -p wb-book -- build");
            let out = builder.output().context("cannot run cargo")?;
            if !out.status.success() {
                let said = format!(
                    "{}{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
                problems.push(format!(
                    "the book does not build (cargo run -q -p wb-book -- build):\n{}",
                    said.trim_end()
                ));
            }
        }
    }
    Ok(verdict(problems, || {
        format!(
            "{} pages include their code, no page before an exercise sends a reader to its answer, and the book builds",
            pages.len()
        )
    }))
}

/// 6. Each Python twin prints exactly its snapshot's trace.
fn python(wb: &Workbook) -> Result<Verdict> {
    let root = &wb.root;
    let twins: Vec<PathBuf> = subfolders(&root.join("crates"))
        .iter()
        .flat_map(|krate| files_with_ext(&krate.join("python"), "py"))
        // `_name.py` is a module the programs import, with no output of its own.
        .filter(|py| {
            !py.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('_'))
        })
        .collect();
    if twins.is_empty() {
        return Ok(Verdict::Pass(
            "no Python twins (crates/*/python/*.py) yet".into(),
        ));
    }
    if !external::python::found("python3") {
        return Ok(Verdict::Skip(
            "python3 not found; the Python examples were not run".into(),
        ));
    }
    let free_threaded = free_threaded_pythons();
    let mut problems = Vec::new();
    // Twins on a package from PyPI (aiofiles) exit with 77 when it is not
    // installed: skipped, and said, unless WB_REQUIRE_PYPI=1 (.ci/run).
    let require_pypi = std::env::var("WB_REQUIRE_PYPI").as_deref() == Ok("1");
    let mut skipped = Vec::new();
    for py in &twins {
        let krate = py
            .parent()
            .and_then(Path::parent)
            .expect("crates/<crate>/python/<file>");
        let stem = py.file_stem().unwrap_or_default().to_string_lossy();
        let snap = krate.join("snapshots").join(format!("{stem}.snap"));
        let (shown, snap_shown) = (rel(root, py), rel(root, &snap));
        let Ok(snap_text) = std::fs::read_to_string(&snap) else {
            problems.push(format!(
                "{shown} has no snapshot {snap_shown} to compare with"
            ));
            continue;
        };
        let Some(expected) = snapshot_body(&snap_text) else {
            problems.push(format!(
                "{snap_shown} does not start with the 4-line header, so {shown} cannot be compared"
            ));
            continue;
        };
        // A twin of a set of orders (chapter 8, on threads) runs on the
        // free-threaded CPython too, where one is installed.
        let sets = verdict::orders::is_orders(expected);
        let pythons = if sets {
            free_threaded
                .iter()
                .map(String::as_str)
                .chain(["python3"])
                .collect()
        } else {
            vec!["python3"]
        };
        for python in pythons {
            let on = if python == "python3" {
                String::new()
            } else {
                format!(" (on {python})")
            };
            match run_python(root, python, py) {
                Err(PythonRun::NeedsAPackage(why)) if !require_pypi => {
                    skipped.push(format!("{shown} ({why})"))
                }
                Err(PythonRun::NeedsAPackage(why)) => problems.push(format!(
                    "{shown} was skipped ({why}), and WB_REQUIRE_PYPI=1 says it must run"
                )),
                Err(PythonRun::Failed(why)) => problems.push(format!("{shown}{on} {why}")),
                Ok(printed) => {
                    let difference = if sets {
                        not_one_of(expected, &printed)
                    } else {
                        first_difference(expected, &printed)
                    };
                    if let Some(difference) = difference {
                        problems.push(format!(
                            "{shown}{on} does not print what {snap_shown} holds: {difference}"
                        ));
                    }
                }
            }
        }
    }
    Ok(verdict(problems, || {
        let ran = twins.len() - skipped.len();
        let threads = match free_threaded.as_slice() {
            [] => "; free-threaded CPython (python3.13t) is not installed, so the twins of \
                   chapter 8 ran with the GIL only"
                .to_string(),
            found => format!("; the twins of chapter 8 ran on {} too", found.join(", ")),
        };
        match skipped.as_slice() {
            [] => format!(
                "{ran} Python programs print exactly their snapshots (or one of their orders){threads}"
            ),
            _ => format!(
                "{ran} Python programs print exactly their snapshots (or one of their orders){threads}; \
                 not run, for want of a package: {}",
                skipped.join(", ")
            ),
        }
    }))
}

/// The free-threaded builds of CPython (no GIL) on this machine, by name.
fn free_threaded_pythons() -> Vec<String> {
    ["python3.13t", "python3.14t", "python3t"]
        .into_iter()
        .filter(|name| external::python::found(name))
        .map(str::to_string)
        .collect()
}

/// `None` when `printed` is one of the orders of the set `expected`, or
/// what it printed instead.
fn not_one_of(expected: &str, printed: &str) -> Option<String> {
    let printed: Vec<String> = printed.lines().map(str::to_string).collect();
    let orders = verdict::orders::parse(expected);
    (!orders.contains(&printed)).then(|| {
        format!(
            "it printed {:?}, which is none of its {} orders",
            printed.join(" / "),
            orders.len()
        )
    })
}

/// Why a twin printed nothing to compare.
enum PythonRun {
    /// It exited with 77: a package it needs is not installed (stderr says which).
    NeedsAPackage(String),
    Failed(String),
}

/// The browser check: the built book in headless Chromium (the logic is in
/// crates/wb-book/src/browser.rs): console errors, pictures, overflow,
/// search, print page, links. Skipped where no Chromium is installed.
fn browser(wb: &Workbook) -> Result<Verdict> {
    eprintln!("$ cargo run -q -p wb-book -- check-browser");
    let out = cargo::command(&wb.root)
        .args(["run", "-q", "-p", "wb-book", "--", "check-browser"])
        .stderr(Stdio::inherit())
        .output()
        .context("cannot run cargo")?;
    let said = String::from_utf8_lossy(&out.stdout);
    let last = said.lines().last().unwrap_or("").to_string();
    Ok(match out.status.code() {
        Some(0) => Verdict::Pass(last),
        Some(77) => Verdict::Skip(last.trim_start_matches("skipped: ").to_string()),
        _ => {
            // Each problem starts with "- " (lines under it are its details);
            // the last line sums up.
            let mut problems: Vec<String> = Vec::new();
            let problem_lines = said
                .lines()
                .take_while(|l| *l != last || l.starts_with("- "));
            for line in problem_lines {
                match (line.strip_prefix("- "), problems.last_mut()) {
                    (Some(problem), _) => problems.push(problem.to_string()),
                    (None, Some(problem)) => problem.extend(["\n", line]),
                    (None, None) => {}
                }
            }
            if problems.is_empty() {
                problems.push(format!("check-browser failed ({}): {last}", out.status));
            }
            Verdict::Fail(problems)
        }
    })
}

/// Run a Python twin; its stdout, or why it has none.
fn run_python(root: &Path, python: &str, py: &Path) -> Result<String, PythonRun> {
    let mut command = external::python::command(python);
    command.arg(py).current_dir(root);
    let finished = external::python::run(command, PYTHON_TIMEOUT).map_err(|failure| {
        PythonRun::Failed(match failure {
            Failure::NotStarted(e) => format!("could not be started: {e}"),
            Failure::TimedOut => {
                format!("did not finish within {} seconds", PYTHON_TIMEOUT.as_secs())
            }
            Failure::Lost(e) => e.to_string(),
        })
    })?;
    if finished.status.code() == Some(77) {
        return Err(PythonRun::NeedsAPackage(finished.stderr.trim().to_string()));
    }
    if !finished.status.success() {
        return Err(PythonRun::Failed(format!(
            "failed ({}):\n{}",
            finished.status,
            finished.stderr.trim_end()
        )));
    }
    Ok(finished.stdout)
}

/// Where two traces part, or `None` if they are the same (line ends and
/// the final newline aside).
fn first_difference(expected: &str, printed: &str) -> Option<String> {
    let expected: Vec<&str> = expected.trim_end_matches(['\n', '\r']).lines().collect();
    let printed: Vec<&str> = printed.trim_end_matches(['\n', '\r']).lines().collect();
    let n = expected
        .iter()
        .zip(&printed)
        .take_while(|(e, p)| e == p)
        .count();
    if n == expected.len() && n == printed.len() {
        return None;
    }
    let show = |lines: &[&str]| {
        lines
            .get(n)
            .map_or("nothing".to_string(), |l| format!("{l:?}"))
    };
    Some(format!(
        "line {}: expected {}, printed {}",
        n + 1,
        show(&expected),
        show(&printed)
    ))
}

fn verdict(problems: Vec<String>, pass: impl FnOnce() -> String) -> Verdict {
    if problems.is_empty() {
        Verdict::Pass(pass())
    } else {
        Verdict::Fail(problems)
    }
}

/// The failing tests of a run, each described by `describe`; or why no test ran.
fn failures(run: &TestRun, what: &str, describe: impl Fn(&TestResult) -> String) -> Vec<String> {
    if run.did_not_compile() {
        return vec![format!("{what} does not compile:\n{}", run.errors())];
    }
    let mut problems: Vec<String> = run.failed().map(describe).collect();
    if problems.is_empty() && !run.success {
        problems.push(format!("cargo test failed for {what}:\n{}", run.errors()));
    }
    problems
}

/// The exercise a test result belongs to, if it is an exercise's test.
fn exercise_of<'a>(chapter: &'a Chapter, result: &TestResult) -> Option<&'a manifest::Exercise> {
    if result.target.as_deref().is_some_and(|t| t != EXERCISES) {
        return None;
    }
    chapter
        .exercises
        .iter()
        .find(|e| e.tests.contains(&result.name))
}

fn chapters(wb: &Workbook) -> impl Iterator<Item = &Chapter> {
    wb.chapters.iter().filter(|c| c.has_crate())
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("      {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_twin_of_a_set_of_orders_prints_one_of_them() {
        let set = "2 possible orders\norder 1:\n  a\n  b\norder 2:\n  b\n  a\n";
        assert_eq!(not_one_of(set, "b\na\n"), None);
        let wrong = not_one_of(set, "a\na\n").unwrap();
        assert_eq!(wrong, "it printed \"a / a\", which is none of its 2 orders");
    }

    #[test]
    fn traces_are_compared_line_by_line() {
        assert_eq!(first_difference("a\nb\n", "a\nb"), None);
        assert_eq!(
            first_difference("a\nb\n", "a\nc\n").unwrap(),
            r#"line 2: expected "b", printed "c""#
        );
        assert_eq!(
            first_difference("a\nb\n", "a\n").unwrap(),
            r#"line 2: expected "b", printed nothing"#
        );
        assert_eq!(
            first_difference("a\n", "a\nb\n").unwrap(),
            r#"line 2: expected nothing, printed "b""#
        );
    }

    #[test]
    fn unknown_checks_list_the_known_ones() {
        assert_eq!(find_check("stubs"), Ok("stubs"));
        assert!(
            find_check("stub")
                .unwrap_err()
                .contains("tooling, solutions, stubs, manifest, figures, book, python")
        );
    }
}
