//! Timeline pictures: `cargo wb figures` draws the book's from the
//! solutions, verify's check `figures` fails when one is out of date, and
//! `cargo wb check EXERCISE --timeline` draws a learner's run beside the
//! expected one.
//!
//! The drawing is done by the test harness, in the very runs the snapshot
//! tests check: when `WB_TIMELINE_DIR` names a folder, it writes the
//! timeline of each run it checks there, as `<snapshot name>.svg`
//! (`trace::timeline`), and the steps of the run for the page's stepper
//! beside it, as `<snapshot name>.steps.json` (`trace::steps`). A
//! chapter's `figures = [...]` in `workbook.toml` says which of them the
//! book shows; both files of each are committed in `book/src/figures/`,
//! and a page includes both.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};

use anyhow::{Context, Result, bail};
use manifest::{Chapter, Workbook, snapshot_body};
use trace::timeline::DIR_VARIABLE;

use crate::cargo;
use crate::paths::{self, rel};
use crate::progress::Selection;

/// Where the book's pictures are, from the workbook's root.
pub const FOLDER: &str = "book/src/figures";

/// Where `check --timeline` draws, from the workbook's root.
const LEARNER_FOLDER: &str = "target/timelines";

/// The command that redraws the book's pictures.
const REDRAW: &str = "cargo wb figures";

/// The files of one figure: its picture, and its steps for the stepper.
const FILES: [&str; 2] = ["svg", "steps.json"];

fn committed(root: &Path, name: &str) -> PathBuf {
    committed_file(root, name, "svg")
}

fn committed_file(root: &Path, name: &str, ext: &str) -> PathBuf {
    root.join(FOLDER).join(format!("{name}.{ext}"))
}

fn chapters_with_figures(wb: &Workbook) -> impl Iterator<Item = &Chapter> {
    wb.chapters.iter().filter(|c| !c.figures.is_empty())
}

/// Run the tests of every chapter that has figures on the solutions, with
/// the harness drawing into `into/<crate>/`. A chapter whose tests fail is
/// a problem (the solutions check says which test).
fn draw(wb: &Workbook, into: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for chapter in chapters_with_figures(wb) {
        let name = chapter.crate_name();
        let args = ["test", "-q", "-p", &name, "--features", "solutions"];
        eprintln!(
            "$ {DIR_VARIABLE}={} cargo {}",
            into.display(),
            args.join(" ")
        );
        let output = cargo::command(&wb.root)
            .args(args)
            .env(DIR_VARIABLE, into)
            .stdin(Stdio::null())
            .output()
            .context("cannot run cargo")?;
        if !output.status.success() {
            problems.push(format!(
                "{name}'s tests fail on the solutions, so its pictures cannot be drawn (`cargo wb verify --only solutions` says which):\n{}",
                tail(&String::from_utf8_lossy(&output.stderr), 15)
            ));
        }
    }
    Ok(problems)
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// A fresh folder under the target directory, for one drawing.
fn scratch(root: &Path, what: &str) -> Result<PathBuf> {
    let dir = root
        .join("target")
        .join(format!("wb-{what}-{}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// `cargo wb figures`: redraw the book's pictures.
pub fn write(wb: &Workbook) -> Result<ExitCode> {
    let dir = scratch(&wb.root, "figures")?;
    let mut problems = draw(wb, &dir)?;
    problems.extend(add_cpython(wb, &dir));
    let mut failed = !problems.is_empty();
    for problem in &problems {
        eprintln!("{problem}");
    }
    std::fs::create_dir_all(wb.root.join(FOLDER))?;
    for chapter in chapters_with_figures(wb) {
        for (name, ext) in figure_files(chapter) {
            let fresh = dir.join(chapter.crate_name()).join(format!("{name}.{ext}"));
            let file = committed_file(&wb.root, name, ext);
            let shown = format!("{FOLDER}/{name}.{ext}");
            match std::fs::read(&fresh) {
                Err(_) => {
                    failed = true;
                    eprintln!("{}", not_drawn(chapter, name));
                }
                Ok(svg) if std::fs::read(&file).is_ok_and(|old| old == svg) => {
                    println!("{shown} is up to date");
                }
                Ok(svg) => {
                    std::fs::write(&file, svg).with_context(|| format!("cannot write {shown}"))?;
                    println!("{shown} drawn");
                }
            }
        }
    }
    for stale in unlisted(wb) {
        println!("{stale} is in no chapter's `figures` in workbook.toml: delete it, or list it");
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn not_drawn(chapter: &Chapter, name: &str) -> String {
    format!(
        "chapter {} lists figure `{name}`, but no test of crates/{} checks a snapshot `{name}` with times to draw \
         (a demo's or an exercise's snapshot name, from chapter 4 on)",
        chapter.number,
        chapter.crate_name()
    )
}

/// Put CPython's own queues beside ours, in the fresh steps of every
/// figure whose program has a Python twin (`python/<name>.py`): the twin
/// runs with `TRACE_STEPS` (`_trace.py` records `loop._ready` and
/// `loop._scheduled` at each handle CPython runs), and each of our turns
/// gets the record of CPython's turn of the same task, when the two loops
/// take the same turns. Returns what went wrong.
fn add_cpython(wb: &Workbook, fresh: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for chapter in chapters_with_figures(wb) {
        for name in &chapter.figures {
            let twin = chapter
                .crate_dir(&wb.root)
                .join("python")
                .join(format!("{name}.py"));
            let steps = fresh
                .join(chapter.crate_name())
                .join(format!("{name}.steps.json"));
            if !twin.is_file() || !steps.is_file() {
                continue;
            }
            let records = fresh.join(format!("{name}.cpython.jsonl"));
            let ran = std::process::Command::new("python3")
                .arg(&twin)
                .current_dir(twin.parent().unwrap_or(Path::new(".")))
                .env("PYTHONDONTWRITEBYTECODE", "1")
                .env("TRACE_STEPS", &records)
                .stdout(Stdio::null())
                .output();
            let records = match ran {
                Ok(out) if out.status.success() => {
                    std::fs::read_to_string(&records).unwrap_or_default()
                }
                Ok(out) => {
                    problems.push(format!(
                        "{}: the twin of figure `{name}` fails, so CPython's queues cannot be shown beside ours:\n{}",
                        rel(&wb.root, &twin),
                        tail(&String::from_utf8_lossy(&out.stderr), 10)
                    ));
                    continue;
                }
                Err(e) => {
                    problems.push(format!("python3 could not be started ({e}): the figures show CPython's queues beside ours, from the Python twins"));
                    return problems;
                }
            };
            let Ok(ours) = std::fs::read_to_string(&steps) else {
                continue;
            };
            if let Some(merged) = with_cpython(&ours, &records) {
                let _ = std::fs::write(&steps, merged);
            }
        }
    }
    problems
}

/// `steps` (one step a line) with, on each turn, CPython's record of the
/// same turn (`records`: one JSON record a line, from `_trace.py`);
/// `None` if the two loops do not take the same turns.
fn with_cpython(steps: &str, records: &str) -> Option<String> {
    let records: Vec<serde_json::Value> = records
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let turn_of = |ran: &str| {
        ["Task.__step(", "Task.__wakeup("]
            .iter()
            .find_map(|kind| ran.strip_prefix(kind)?.strip_suffix(')'))
            .map(str::to_string)
    };
    // CPython's turns, each with the callbacks it ran since the turn before.
    let mut turns: Vec<(&serde_json::Value, Vec<String>)> = Vec::new();
    let mut hops = Vec::new();
    for record in &records {
        let ran = record["ran"].as_str().unwrap_or("");
        if turn_of(ran).is_some() {
            turns.push((record, std::mem::take(&mut hops)));
        } else {
            hops.push(ran.to_string());
        }
    }
    let is_turn =
        |line: &str| line.starts_with("{\"kind\":\"turn\"") && !line.contains("\"run\":null");
    let ours: Vec<serde_json::Value> = (steps.lines())
        .filter(|line| is_turn(line))
        .filter_map(|line| serde_json::from_str(line.trim_end_matches(',')).ok())
        .collect();
    let same = ours.len() == turns.len()
        && ours.iter().zip(&turns).all(|(a, (b, _))| {
            // Ours is the clock after the turn (a blocking call moves it);
            // CPython's, when it began.
            b["time"].as_u64() <= a["time"].as_u64()
                && a["task"].as_str().map(str::to_string)
                    == turn_of(b["ran"].as_str().unwrap_or(""))
        });
    if !same {
        return None;
    }
    let mut turns = turns.into_iter();
    let mut out = String::new();
    for line in steps.lines() {
        if is_turn(line)
            && let Some((record, hops)) = turns.next()
        {
            let (body, comma) = match line.strip_suffix(',') {
                Some(body) => (body, ","),
                None => (line, ""),
            };
            let mut cpython = serde_json::json!({
                "ran": record["ran"],
                "ready": record["ready"],
                "timers": record["timers"],
            });
            if !hops.is_empty() {
                cpython["note"] = serde_json::Value::String(format!(
                    "Before this turn CPython ran {}: callbacks that our loop folds into its own steps.",
                    hops.join(", ")
                ));
            }
            // As trace::steps writes them: nothing that could end a <script>.
            let cpython = cpython
                .to_string()
                .replace('<', "\\u003c")
                .replace('>', "\\u003e")
                .replace('&', "\\u0026");
            let body = body.strip_suffix('}').unwrap_or(body);
            out.push_str(&format!("{body},\"cpython\":{cpython}}}{comma}\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    Some(out)
}

/// Each figure of `chapter`, once per file: (name, extension).
fn figure_files(chapter: &Chapter) -> impl Iterator<Item = (&str, &str)> {
    (chapter.figures.iter()).flat_map(|name| FILES.map(|ext| (name.as_str(), ext)))
}

/// Pictures in the folder that no chapter lists.
fn unlisted(wb: &Workbook) -> Vec<String> {
    let listed: BTreeSet<String> = wb
        .chapters
        .iter()
        .flat_map(figure_files)
        .map(|(name, ext)| format!("{name}.{ext}"))
        .collect();
    let is_figure = |file: &str| FILES.iter().any(|ext| file.ends_with(&format!(".{ext}")));
    paths::entries(&wb.root.join(FOLDER))
        .iter()
        .filter_map(|path| Some(path.file_name()?.to_string_lossy().into_owned()))
        .filter(|file| is_figure(file) && !listed.contains(file))
        .map(|file| format!("{FOLDER}/{file}"))
        .collect()
}

thread_local! {
    /// Where verify's solutions check had the harness draw, if it did.
    static DRAWN_BY_SOLUTIONS: std::cell::RefCell<Option<PathBuf>> = const { std::cell::RefCell::new(None) };
}

/// Run verify's solutions check (`run`) with the harness drawing, when the
/// check `figures` comes after it: then that check needs no run of its own.
pub fn while_solutions_run<T>(
    wb: &Workbook,
    checks: &[&str],
    run: impl FnOnce() -> Result<T>,
) -> Result<T> {
    if !checks.contains(&"figures") {
        return run();
    }
    let dir = scratch(&wb.root, "verify-figures")?;
    // SAFETY: verify runs its checks one after the other on one thread;
    // only the cargo processes it starts read the variable. It is removed
    // at once after, so that the stubs' runs draw nothing.
    unsafe { std::env::set_var(DIR_VARIABLE, &dir) };
    let result = run();
    unsafe { std::env::remove_var(DIR_VARIABLE) };
    DRAWN_BY_SOLUTIONS.with(|drawn| *drawn.borrow_mut() = Some(dir));
    result
}

/// verify's check: every listed picture is committed, shown by a page, and
/// what the solutions draw today. `Ok(Err(problems))` when not.
pub fn verify(wb: &Workbook) -> Result<Result<String, Vec<String>>> {
    if chapters_with_figures(wb).next().is_none() {
        return Ok(Ok("no chapter lists figures".into()));
    }
    let drawn = DRAWN_BY_SOLUTIONS.with(|drawn| drawn.borrow_mut().take());
    let (dir, mut problems) = match drawn {
        Some(dir) => (dir, Vec::new()), // its failures are the solutions check's
        None => {
            let dir = scratch(&wb.root, "verify-figures")?;
            let problems = draw(wb, &dir)?;
            (dir, problems)
        }
    };
    problems.extend(add_cpython(wb, &dir));
    problems.extend(compare(wb, &dir));
    std::fs::remove_dir_all(&dir)?;
    let count = wb.chapters.iter().map(|c| c.figures.len()).sum::<usize>();
    Ok(if problems.is_empty() {
        Ok(format!(
            "{count} timeline pictures in {FOLDER}, and their steps, match the runs of their snapshots; every step follows from the queue before it"
        ))
    } else {
        Err(problems)
    })
}

/// What is wrong with the committed pictures, given fresh ones in
/// `fresh/<crate>/<name>.svg`.
fn compare(wb: &Workbook, fresh: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let pages = book_pages(&wb.root);
    for chapter in chapters_with_figures(wb) {
        for (name, ext) in figure_files(chapter) {
            let shown = format!("{FOLDER}/{name}.{ext}");
            let drawn = std::fs::read(
                fresh
                    .join(chapter.crate_name())
                    .join(format!("{name}.{ext}")),
            );
            match (drawn, std::fs::read(committed_file(&wb.root, name, ext))) {
                (Err(_), _) => problems.push(not_drawn(chapter, name)),
                (Ok(_), Err(_)) => {
                    problems.push(format!("{shown} is missing: `{REDRAW}` draws it"));
                }
                (Ok(new), Ok(old)) if new != old => problems.push(format!(
                    "{shown} is out of date: the run of snapshot `{name}` (crates/{}) draws another {} today; `{REDRAW}` redraws it",
                    chapter.crate_name(),
                    if ext == "svg" { "picture" } else { "set of steps" }
                )),
                _ => {}
            }
            if ext == "steps.json"
                && let Ok(steps) = std::fs::read_to_string(committed_file(&wb.root, name, ext))
            {
                problems.extend(steps_problems(name, &steps));
            }
            let reference = format!("figures/{name}.{ext}");
            if !pages.iter().any(|text| text.contains(&reference)) {
                problems.push(format!(
                    "{shown} is shown by no page: include it where the book shows the program (docs/authoring.md, \"Timeline pictures\")"
                ));
            }
        }
    }
    for stale in unlisted(wb) {
        problems.push(format!(
            "{stale} is in no chapter's `figures` in workbook.toml: delete it, or list it"
        ));
    }
    problems
}

/// What is wrong with a figure's steps (`<name>.steps.json`), read as the
/// stepper reads them: each job that runs is the front of the queue before
/// it; the queue only loses its front and gains at its back, and what it
/// gains is marked new; timers are in firing order; the lines said only
/// grow. A recording that swapped two entries of a queue, or showed a
/// task running out of turn, fails here.
fn steps_problems(name: &str, json: &str) -> Vec<String> {
    let data: serde_json::Value = match serde_json::from_str(json) {
        Ok(data) => data,
        Err(e) => return vec![format!("{name}.steps.json is not JSON: {e}")],
    };
    let empty = Vec::new();
    let list = |v: &serde_json::Value| v.as_array().unwrap_or(&empty).clone();
    let names = |v: &serde_json::Value| -> Vec<String> {
        list(&v["ready"])
            .iter()
            .map(|e| e["name"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let mut problems = Vec::new();
    let steps = list(&data["steps"]);
    let lines = list(&data["lines"]).len() as u64;
    let mut before: Option<&serde_json::Value> = None;
    for (i, step) in steps.iter().enumerate() {
        let at = format!("{name}.steps.json, step {}", i + 1);
        let ready = names(step);
        let old = before.map(names).unwrap_or_default();
        let kind = step["kind"].as_str().unwrap_or("");
        let ran = matches!(kind, "turn" | "call" | "stop");
        let kept = if ran {
            old.get(1..).unwrap_or(&[]).to_vec()
        } else {
            old.clone()
        };
        if ran {
            let front = old.first().map(String::as_str);
            let job = match kind {
                "turn" => step["task"].as_str(),
                "stop" => Some("stop"),
                _ => front.filter(|f| f.starts_with("callback") || *f == "socket ready"),
            };
            if job.is_none() || job != front {
                problems.push(format!(
                    "{at}: {} runs, but the front of the queue was {}",
                    job.unwrap_or("?"),
                    front.unwrap_or("nothing")
                ));
            }
        }
        if !ready.starts_with(&kept) {
            problems.push(format!(
                "{at}: the queue {ready:?} does not begin with what was left of {old:?}"
            ));
        } else {
            let marked: Vec<bool> = list(&step["ready"])
                .iter()
                .map(|e| e["new"] == true)
                .collect();
            let expected: Vec<bool> = (0..ready.len()).map(|k| k >= kept.len()).collect();
            if marked != expected {
                problems.push(format!(
                    "{at}: the entries marked new are not those added at the back of {ready:?}"
                ));
            }
        }
        let timers: Vec<(u64, u64)> = list(&step["timers"])
            .iter()
            .map(|t| {
                (
                    t["at"].as_u64().unwrap_or(0),
                    t["set"].as_u64().unwrap_or(0),
                )
            })
            .collect();
        if !timers.is_sorted() {
            problems.push(format!(
                "{at}: the timers {timers:?} are not in firing order"
            ));
        }
        let said = step["lines"].as_u64().unwrap_or(0);
        let said_before = before.and_then(|b| b["lines"].as_u64()).unwrap_or(0);
        if said < said_before || said > lines {
            problems.push(format!(
                "{at}: {said} lines said, after {said_before} (of {lines})"
            ));
        }
        before = Some(step);
    }
    if steps.is_empty() {
        problems.push(format!("{name}.steps.json has no steps"));
    }
    problems
}

/// The text of every page of the book.
fn book_pages(root: &Path) -> Vec<String> {
    paths::files_with_ext(&root.join("book/src"), "md")
        .iter()
        .filter_map(|page| std::fs::read_to_string(page).ok())
        .collect()
}

/// `cargo wb check … --timeline`, before the run: the harness draws into
/// a fresh `target/timelines/run`.
pub fn before_check(wb: &Workbook) -> Result<PathBuf> {
    let dir = wb.root.join(LEARNER_FOLDER).join("run");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("cannot clear {}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir)?;
    // SAFETY: `cargo wb` has one thread until here; the test runs it
    // starts inherit the variable.
    unsafe { std::env::set_var(DIR_VARIABLE, &dir) };
    Ok(dir)
}

/// After the run: each drawing of the learner's, with the expected one
/// beside it, and how to open them.
pub fn after_check(wb: &Workbook, selection: &Selection, run: &Path) -> Result<()> {
    let out = wb.root.join(LEARNER_FOLDER);
    // The harness draws into a folder per chapter crate.
    let mut drawn: Vec<(PathBuf, String)> = paths::entries(run)
        .iter()
        .flat_map(|chapter| paths::entries(chapter))
        .filter_map(|path| {
            let file = path.file_name()?.to_string_lossy().into_owned();
            let name = file.strip_suffix(".svg")?.to_string();
            Some((path, name))
        })
        .collect();
    drawn.sort_by(|a, b| a.1.cmp(&b.1));
    println!();
    let chapters: Vec<&Chapter> = selection.iter().map(|(chapter, _)| *chapter).collect();
    if drawn.is_empty() {
        // Chapter 8's checks run a program under every schedule: no one run.
        let every_schedule = chapters.iter().any(|chapter| chapter.number >= 8);
        if every_schedule {
            println!(
                "No timeline to draw: chapter 8's checks run your program under every schedule, \
                 so there is no one run to draw. A failure shows the schedule that went wrong, \
                 turn by turn."
            );
        } else {
            println!(
                "No timeline to draw: only a run that finishes is drawn, and only from chapter 4 on (runs with times)."
            );
        }
        return Ok(());
    }
    println!("Timelines (open them in a browser):");
    for (file, name) in &drawn {
        let yours = out.join(format!("{name}.svg"));
        std::fs::rename(file, &yours)?;
        let steps = file.with_file_name(format!("{name}.steps.json"));
        if steps.exists() {
            std::fs::rename(&steps, out.join(format!("{name}.steps.json")))?;
        }
        let expected = out.join(format!("{name}.expected.svg"));
        match expected_svg(&wb.root, &chapters, name)? {
            Some(svg) => {
                std::fs::write(&expected, svg)?;
                println!("  yours:    {}", rel(&wb.root, &yours));
                println!("  expected: {}", rel(&wb.root, &expected));
            }
            None => println!("  yours:    {}", rel(&wb.root, &yours)),
        }
    }
    for (_, name) in &drawn {
        let page = stepper_page(&wb.root, &chapters, name)?;
        let file = out.join(format!("{name}.html"));
        std::fs::write(&file, page)?;
        println!(
            "  step through both, side by side: {}",
            rel(&wb.root, &file)
        );
    }
    std::fs::remove_dir_all(run)?;
    let first = out.join(format!("{}.html", drawn[0].1));
    println!(
        "Open one with your browser (File > Open, or drag it onto a window), or from here: `{} {}`.",
        if cfg!(target_os = "macos") {
            "open"
        } else if cfg!(windows) {
            "start"
        } else {
            "xdg-open"
        },
        rel(&wb.root, &first)
    );
    Ok(())
}

/// The expected steps of snapshot `name`: the book's, recorded from the
/// solution's run, if it has them; else a step per line of the snapshot.
fn expected_steps(root: &Path, chapters: &[&Chapter], name: &str) -> Result<Option<String>> {
    if let Ok(steps) = std::fs::read_to_string(committed_file(root, name, "steps.json")) {
        return Ok(Some(steps));
    }
    let lines = snapshot_lines(root, chapters, name)?;
    let title = format!("{name} (expected)");
    Ok(lines.map(|lines| trace::steps::steps_of_lines(&title, &lines)))
}

/// The lines of snapshot `name`, in the first of `chapters` that has it.
fn snapshot_lines(
    root: &Path,
    chapters: &[&Chapter],
    name: &str,
) -> Result<Option<Vec<trace::Line>>> {
    for chapter in chapters {
        let snap = chapter.snapshot_dir(root).join(format!("{name}.snap"));
        if let Ok(text) = std::fs::read_to_string(&snap) {
            let Some(body) = snapshot_body(&text) else {
                bail!("{} has lost its header", rel(root, &snap));
            };
            return Ok(Some(trace::parse_rendered(body)));
        }
    }
    Ok(None)
}

/// Where two runs part, as steps of each: the first step at which the
/// loop did something else, when both loops recorded their queues; else
/// the step at which the first line that differs was said. `None` if
/// they do not part.
fn parting(yours: &serde_json::Value, expected: &serde_json::Value) -> Option<(usize, usize)> {
    let steps = |v: &serde_json::Value| v["steps"].as_array().cloned().unwrap_or_default();
    let (ours, theirs) = (steps(yours), steps(expected));
    let last = |list: &[serde_json::Value]| list.len().saturating_sub(1);
    if !yours["loop"].is_null() && !expected["loop"].is_null() {
        let key = |s: &serde_json::Value| {
            let ready: Vec<&serde_json::Value> = s["ready"]
                .as_array()
                .map(|r| r.iter().map(|e| &e["name"]).collect())
                .unwrap_or_default();
            format!(
                "{} {} {} {} {:?}",
                s["kind"], s["time"], s["task"], s["lines"], ready
            )
        };
        let at = (ours.iter().zip(&theirs).position(|(a, b)| key(a) != key(b)))
            .or((ours.len() != theirs.len()).then(|| ours.len().min(theirs.len())))?;
        return Some((at.min(last(&ours)), at.min(last(&theirs))));
    }
    let lines = |v: &serde_json::Value| v["lines"].as_array().cloned().unwrap_or_default();
    let (said, should) = (lines(yours), lines(expected));
    let line = (said.iter().zip(&should).position(|(a, b)| a != b))
        .or((said.len() != should.len()).then(|| said.len().min(should.len())))?;
    // The step that said line `line` (counted from 0), or the last.
    let saying = |list: &[serde_json::Value]| {
        (list
            .iter()
            .position(|s| s["lines"].as_u64().unwrap_or(0) > line as u64))
        .unwrap_or(last(list))
    };
    Some((saying(&ours), saying(&theirs)))
}

/// `check --timeline`'s page: the learner's run and the expected one, in
/// two steppers that move together, opened where the runs part. One file,
/// with the stepper's script and style inside, so that it opens from disk
/// anywhere.
fn stepper_page(root: &Path, chapters: &[&Chapter], name: &str) -> Result<String> {
    let out = root.join(LEARNER_FOLDER);
    let read = |file: PathBuf| std::fs::read_to_string(file).unwrap_or_default();
    let your_svg = read(out.join(format!("{name}.svg")));
    let your_steps = read(out.join(format!("{name}.steps.json")));
    let expected_svg = expected_svg(root, chapters, name)?.unwrap_or_default();
    let expected_steps = expected_steps(root, chapters, name)?.unwrap_or_default();
    let json = |text: &str| serde_json::from_str(text).unwrap_or(serde_json::Value::Null);
    let (yours, expected) = (json(&your_steps), json(&expected_steps));
    let step = |v: &serde_json::Value, i: usize| v["steps"][i].clone();
    let text = |v: &serde_json::Value, key: &str| v[key].as_str().unwrap_or("").to_string();
    let (summary, starts) = match parting(&yours, &expected) {
        None => (
            "Your run takes the same steps as the expected one.".to_string(),
            (0, 0),
        ),
        Some((mine, theirs)) => {
            let (a, b) = (step(&yours, mine), step(&expected, theirs));
            let rule = match b["rule"].as_str() {
                Some(rule) => format!(" The rule there: <em>{}</em>.", html(rule)),
                None => String::new(),
            };
            (
                format!(
                    "The runs part here. Yours, step {}: {} Expected, step {}: {}{rule}",
                    mine + 1,
                    html(&text(&a, "says")),
                    theirs + 1,
                    html(&text(&b, "says")),
                ),
                (mine, theirs),
            )
        }
    };
    let theme = |file: &str| read(root.join("book/theme").join(file));
    let figure = |title: &str, svg: &str, steps: &str, start: usize| {
        // `</script>` cannot occur in the steps: `trace::steps` escapes `<`.
        format!(
            "<section><h2>{title}</h2>\n<figure class=\"timeline\" data-start=\"{start}\" data-sync=\"runs\">\n{svg}\n<script type=\"application/json\" class=\"wb-steps\">\n{steps}</script>\n</figure></section>\n"
        )
    };
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"en\" class=\"light\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{name}: your run and the expected one</title>\n<style>\n{PAGE_STYLE}\n{}\n</style>\n</head>\n<body>\n<main>\n<h1><code>{name}</code>: your run and the expected one</h1>\n<p class=\"parting\">{summary}</p>\n<div class=\"runs\">\n{}{}</div>\n</main>\n<script>\n{}\n</script>\n</body>\n</html>\n",
        theme("stepper.css"),
        figure("Yours", &your_svg, &your_steps, starts.0),
        figure("Expected", &expected_svg, &expected_steps, starts.1),
        theme("stepper.js"),
    ))
}

/// The page's own style: mdBook's light theme colours, which the
/// stepper's style reads.
const PAGE_STYLE: &str = ":root { --bg: #fff; --fg: #000; --quote-bg: #f1f1f1; --quote-border: #e0e0e0; --links: #20609f; --table-border-color: #e5e5e5; --table-alternate-bg: #f6f6f6; --icons: #747474; --inline-code-color: #301900; }
body { font-family: sans-serif; margin: 1rem; background: var(--bg); color: var(--fg); }
main { max-width: 1400px; margin: auto; }
.runs { display: grid; grid-template-columns: 1fr; gap: 1.5rem; }
@media (min-width: 1100px) { .runs { grid-template-columns: 1fr 1fr; } }
.parting { background: var(--quote-bg); border-left: 4px solid #dd6b20; padding: .5rem .8rem; }
figure { margin: 0; }";

/// `text` with the characters HTML gives a meaning escaped.
fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The expected picture of snapshot `name`: the book's, drawn from the
/// solution's run, if it has one; else drawn from the snapshot's text
/// (lanes and marks, without what the tasks waited for).
fn expected_svg(root: &Path, chapters: &[&Chapter], name: &str) -> Result<Option<String>> {
    if let Ok(svg) = std::fs::read_to_string(committed(root, name)) {
        return Ok(Some(svg));
    }
    let lines = snapshot_lines(root, chapters, name)?;
    let title = format!("{name} (expected)");
    Ok(lines.map(|lines| trace::timeline::render_svg(&title, &lines, &[])))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workbook with chapter 4 listing figure `nap`, in a fresh folder.
    fn workbook(page: &str) -> (Workbook, PathBuf) {
        let root = std::env::temp_dir().join(format!(
            "wb-figures-test-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("book/src/ch04-event-loop")).unwrap();
        std::fs::write(root.join("book/src/ch04-event-loop/clock.md"), page).unwrap();
        let wb = Workbook::parse(
            &root,
            &root.join("workbook.toml"),
            "title = \"T\"\n[[chapters]]\nnumber = 4\nslug = \"event-loop\"\ntitle = \"t\"\nminutes = 1\nfigures = [\"nap\"]\n",
        )
        .unwrap();
        (wb, root)
    }

    fn fresh(root: &Path, svg: &str) -> PathBuf {
        let dir = root.join("fresh");
        std::fs::create_dir_all(dir.join("ch04-event-loop")).unwrap();
        std::fs::write(dir.join("ch04-event-loop/nap.svg"), svg).unwrap();
        std::fs::write(dir.join("ch04-event-loop/nap.steps.json"), STEPS).unwrap();
        dir
    }

    /// Commits picture `svg` of `name`, and the steps of a good recording.
    fn commit(root: &Path, name: &str, svg: &str) {
        std::fs::create_dir_all(root.join(FOLDER)).unwrap();
        std::fs::write(committed(root, name), svg).unwrap();
        std::fs::write(committed_file(root, name, "steps.json"), STEPS).unwrap();
    }

    const PAGE: &str = "<figure>\n{{#include ../figures/nap.svg}}\n{{#include ../figures/nap.steps.json}}\n</figure>\n";

    /// main starts A and B; a round; A runs; B runs.
    const STEPS: &str = r#"{"name":"nap","lines":[[0,"A","a"]],"steps":[
{"kind":"start","task":null,"lines":0,"ready":[{"name":"main","new":true}],"timers":[]},
{"kind":"turn","task":"main","lines":0,"ready":[{"name":"A","new":true},{"name":"B","new":true}],"timers":[]},
{"kind":"round","task":null,"lines":0,"ready":[{"name":"A","new":false},{"name":"B","new":false}],"timers":[]},
{"kind":"turn","task":"A","lines":1,"ready":[{"name":"B","new":false}],"timers":[{"at":3,"set":1}]},
{"kind":"turn","task":"B","lines":1,"ready":[],"timers":[{"at":3,"set":1},{"at":3,"set":2}]}
]}"#;

    #[test]
    fn cpython_s_queues_go_on_our_turns_only_when_the_turns_agree() {
        let steps = "{\"kind\":\"turn\",\"time\":0,\"task\":\"A\",\"run\":0},\n{\"kind\":\"clock\",\"time\":2,\"run\":null},\n{\"kind\":\"turn\",\"time\":2,\"task\":\"A\",\"run\":1}\n";
        let records = [
            r#"{"time": 0, "ran": "Task.__step(A)", "ready": [], "timers": []}"#,
            r#"{"time": 2, "ran": "_set_result_unless_cancelled(A)", "ready": [], "timers": []}"#,
            r#"{"time": 2, "ran": "Task.__wakeup(A)", "ready": [], "timers": []}"#,
        ]
        .join("\n");
        let merged = with_cpython(steps, &records).expect("the same turns");
        let lines: Vec<&str> = merged.lines().collect();
        assert!(
            lines[0].contains(r#""cpython":{"ran":"Task.__step(A)""#),
            "{merged}"
        );
        assert!(!lines[1].contains("cpython"), "a clock jump is not a turn");
        assert!(
            lines[2].contains("Before this turn CPython ran _set_result_unless_cancelled(A)"),
            "{merged}"
        );
        assert!(
            lines[0].ends_with("},") && lines[2].ends_with('}'),
            "{merged}"
        );
        let other = records.replace("__wakeup(A)", "__wakeup(B)");
        assert_eq!(
            with_cpython(steps, &other),
            None,
            "turns that differ show no CPython"
        );
    }

    #[test]
    fn the_book_states_every_rule_a_step_can_name() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let pages = book_pages(&root).join(" ");
        let text = pages.split_whitespace().collect::<Vec<_>>().join(" ");
        let missing: Vec<&str> = (trace::steps::RULES.into_iter())
            .filter(|rule| !text.contains(rule))
            .collect();
        assert!(
            missing.is_empty(),
            "the stepper names these rules, which no page of the book states in these words: {missing:?}"
        );
    }

    #[test]
    fn steps_that_follow_the_queue_pass_and_a_swapped_queue_fails() {
        assert_eq!(steps_problems("nap", STEPS), Vec::<String>::new());
        // The recording swaps A and B in the round: B's turn is then not
        // the front's, and the queue no longer follows from the last one.
        let swapped = STEPS.replace(
            r#""ready":[{"name":"A","new":false},{"name":"B","new":false}]"#,
            r#""ready":[{"name":"B","new":false},{"name":"A","new":false}]"#,
        );
        assert_ne!(swapped, STEPS);
        let problems = steps_problems("nap", &swapped);
        assert!(
            problems[0].contains("step 3: the queue [\"B\", \"A\"] does not begin with what was left of [\"A\", \"B\"]"),
            "{problems:#?}"
        );
        assert!(
            problems[1].contains("step 4: A runs, but the front of the queue was B"),
            "{problems:#?}"
        );
        let unsorted = STEPS.replace(
            r#"{"at":3,"set":1},{"at":3,"set":2}"#,
            r#"{"at":3,"set":2},{"at":3,"set":1}"#,
        );
        assert!(steps_problems("nap", &unsorted)[0].contains("not in firing order"));
        let unmarked = STEPS.replace(r#"{"name":"B","new":true}"#, r#"{"name":"B","new":false}"#);
        assert!(steps_problems("nap", &unmarked)[0].contains("marked new"));
    }

    #[test]
    fn a_picture_up_to_date_and_shown_passes() {
        let (wb, root) = workbook(PAGE);
        commit(&root, "nap", "<svg>1</svg>");
        let fresh = fresh(&root, "<svg>1</svg>");
        assert_eq!(compare(&wb, &fresh), Vec::<String>::new());
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn a_picture_out_of_date_fails_and_says_how_to_redraw_it() {
        let (wb, root) = workbook(PAGE);
        commit(&root, "nap", "<svg>old</svg>");
        let fresh = fresh(&root, "<svg>new</svg>");
        assert_eq!(
            compare(&wb, &fresh),
            [
                "book/src/figures/nap.svg is out of date: the run of snapshot `nap` (crates/ch04-event-loop) \
              draws another picture today; `cargo wb figures` redraws it"
            ]
        );
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn missing_unshown_unlisted_and_undrawn_pictures_fail() {
        let (wb, root) = workbook("no picture here\n");
        std::fs::create_dir_all(root.join(FOLDER)).unwrap();
        std::fs::write(committed(&root, "old"), "<svg/>").unwrap();
        let fresh = fresh(&root, "<svg>1</svg>");
        let problems = compare(&wb, &fresh);
        assert_eq!(problems.len(), 5, "{problems:#?}");
        assert_eq!(
            problems[0],
            "book/src/figures/nap.svg is missing: `cargo wb figures` draws it"
        );
        assert!(
            problems[1].starts_with("book/src/figures/nap.svg is shown by no page"),
            "{problems:#?}"
        );
        assert_eq!(
            problems[2],
            "book/src/figures/nap.steps.json is missing: `cargo wb figures` draws it"
        );
        assert!(
            problems[3].starts_with("book/src/figures/nap.steps.json is shown by no page"),
            "{problems:#?}"
        );
        assert!(
            problems[4].starts_with("book/src/figures/old.svg is in no chapter's `figures`"),
            "{problems:#?}"
        );
        std::fs::remove_file(fresh.join("ch04-event-loop/nap.svg")).unwrap();
        let problems = compare(&wb, &fresh);
        assert!(
            problems[0].starts_with("chapter 4 lists figure `nap`, but no test of crates/ch04-event-loop checks a snapshot `nap`"),
            "{problems:#?}"
        );
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn check_timeline_puts_each_run_beside_the_expected_one() {
        let (wb, root) = workbook(PAGE);
        std::fs::create_dir_all(root.join(FOLDER)).unwrap();
        std::fs::write(committed(&root, "nap"), "<svg>expected</svg>").unwrap();
        let run = root.join(LEARNER_FOLDER).join("run");
        std::fs::create_dir_all(run.join("ch04-event-loop")).unwrap();
        std::fs::write(run.join("ch04-event-loop/nap.svg"), "<svg>yours</svg>").unwrap();
        let selection: Selection = vec![(&wb.chapters[0], Vec::new())];
        after_check(&wb, &selection, &run).unwrap();
        let out = root.join(LEARNER_FOLDER);
        assert_eq!(
            std::fs::read_to_string(out.join("nap.svg")).unwrap(),
            "<svg>yours</svg>"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("nap.expected.svg")).unwrap(),
            "<svg>expected</svg>"
        );
        assert!(!run.exists(), "the run's folder is cleared");
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn the_expected_picture_comes_from_the_book_or_else_the_snapshot() {
        let (wb, root) = workbook(PAGE);
        let chapter = &wb.chapters[0];
        std::fs::create_dir_all(chapter.snapshot_dir(&root)).unwrap();
        std::fs::write(
            chapter.snapshot_dir(&root).join("nap.snap"),
            "---\nsource: x\ndescription: y\n---\n  0 [main] sleeps\n  3 [main] wakes\n",
        )
        .unwrap();
        let svg = expected_svg(&root, &[chapter], "nap").unwrap().unwrap();
        assert!(svg.contains("Timeline of nap (expected)"), "{svg}");
        assert!(
            svg.contains("main: says 1 line at 0, says 1 line at 3."),
            "{svg}"
        );
        std::fs::create_dir_all(root.join(FOLDER)).unwrap();
        std::fs::write(committed(&root, "nap"), "<svg>the book's</svg>").unwrap();
        assert_eq!(
            expected_svg(&root, &[chapter], "nap").unwrap().as_deref(),
            Some("<svg>the book's</svg>")
        );
        assert_eq!(expected_svg(&root, &[chapter], "other").unwrap(), None);
        std::fs::remove_dir_all(root).unwrap();
    }
}
