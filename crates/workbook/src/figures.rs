//! Timeline pictures: `cargo wb figures` draws the book's from the
//! solutions, verify's check `figures` fails when one is out of date, and
//! `cargo wb check EXERCISE --timeline` draws a learner's run beside the
//! expected one.
//!
//! The drawing is done by the test harness, in the very runs the snapshot
//! tests check: when `WB_TIMELINE_DIR` names a folder, it writes the
//! timeline of each run it checks there, as `<snapshot name>.svg`
//! (`trace::timeline`). A chapter's `figures = [...]` in `workbook.toml`
//! says which of them the book shows; they are committed in
//! `book/src/figures/`.

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

fn committed(root: &Path, name: &str) -> PathBuf {
    root.join(FOLDER).join(format!("{name}.svg"))
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
    let problems = draw(wb, &dir)?;
    let mut failed = !problems.is_empty();
    for problem in &problems {
        eprintln!("{problem}");
    }
    std::fs::create_dir_all(wb.root.join(FOLDER))?;
    for chapter in chapters_with_figures(wb) {
        for name in &chapter.figures {
            let fresh = dir.join(chapter.crate_name()).join(format!("{name}.svg"));
            let file = committed(&wb.root, name);
            let shown = format!("{FOLDER}/{name}.svg");
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

/// Pictures in the folder that no chapter lists.
fn unlisted(wb: &Workbook) -> Vec<String> {
    let listed: BTreeSet<String> = wb
        .chapters
        .iter()
        .flat_map(|c| c.figures.iter().map(|name| format!("{name}.svg")))
        .collect();
    paths::entries(&wb.root.join(FOLDER))
        .iter()
        .filter_map(|path| Some(path.file_name()?.to_string_lossy().into_owned()))
        .filter(|file| file.ends_with(".svg") && !listed.contains(file))
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
    problems.extend(compare(wb, &dir));
    std::fs::remove_dir_all(&dir)?;
    let count = wb.chapters.iter().map(|c| c.figures.len()).sum::<usize>();
    Ok(if problems.is_empty() {
        Ok(format!(
            "{count} timeline pictures in {FOLDER} match the runs of their snapshots"
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
        for name in &chapter.figures {
            let shown = format!("{FOLDER}/{name}.svg");
            let drawn = std::fs::read(fresh.join(chapter.crate_name()).join(format!("{name}.svg")));
            match (drawn, std::fs::read(committed(&wb.root, name))) {
                (Err(_), _) => problems.push(not_drawn(chapter, name)),
                (Ok(_), Err(_)) => {
                    problems.push(format!("{shown} is missing: `{REDRAW}` draws it"));
                }
                (Ok(new), Ok(old)) if new != old => problems.push(format!(
                    "{shown} is out of date: the run of snapshot `{name}` (crates/{}) draws another picture today; `{REDRAW}` redraws it",
                    chapter.crate_name()
                )),
                _ => {}
            }
            let reference = format!("figures/{name}.svg");
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
    if drawn.is_empty() {
        println!(
            "No timeline to draw: only a run that finishes is drawn, and only from chapter 4 on (runs with times)."
        );
        return Ok(());
    }
    let chapters: Vec<&Chapter> = selection.iter().map(|(chapter, _)| *chapter).collect();
    println!("Timelines (open them in a browser):");
    for (file, name) in &drawn {
        let yours = out.join(format!("{name}.svg"));
        std::fs::rename(file, &yours)?;
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
    std::fs::remove_dir_all(run)?;
    let first = out.join(format!("{}.svg", drawn[0].1));
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

/// The expected picture of snapshot `name`: the book's, drawn from the
/// solution's run, if it has one; else drawn from the snapshot's text
/// (lanes and marks, without what the tasks waited for).
fn expected_svg(root: &Path, chapters: &[&Chapter], name: &str) -> Result<Option<String>> {
    if let Ok(svg) = std::fs::read_to_string(committed(root, name)) {
        return Ok(Some(svg));
    }
    for chapter in chapters {
        let snap = chapter.snapshot_dir(root).join(format!("{name}.snap"));
        if let Ok(text) = std::fs::read_to_string(&snap) {
            let Some(body) = snapshot_body(&text) else {
                bail!("{} has lost its header", rel(root, &snap));
            };
            let lines = trace::parse_rendered(body);
            return Ok(Some(trace::timeline::render_svg(
                &format!("{name} (expected)"),
                &lines,
                &[],
            )));
        }
    }
    Ok(None)
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
        dir
    }

    const PAGE: &str = "<figure>\n{{#include ../figures/nap.svg}}\n</figure>\n";

    #[test]
    fn a_picture_up_to_date_and_shown_passes() {
        let (wb, root) = workbook(PAGE);
        std::fs::create_dir_all(root.join(FOLDER)).unwrap();
        std::fs::write(committed(&root, "nap"), "<svg>1</svg>").unwrap();
        let fresh = fresh(&root, "<svg>1</svg>");
        assert_eq!(compare(&wb, &fresh), Vec::<String>::new());
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn a_picture_out_of_date_fails_and_says_how_to_redraw_it() {
        let (wb, root) = workbook(PAGE);
        std::fs::create_dir_all(root.join(FOLDER)).unwrap();
        std::fs::write(committed(&root, "nap"), "<svg>old</svg>").unwrap();
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
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert_eq!(
            problems[0],
            "book/src/figures/nap.svg is missing: `cargo wb figures` draws it"
        );
        assert!(
            problems[1].starts_with("book/src/figures/nap.svg is shown by no page"),
            "{problems:#?}"
        );
        assert!(
            problems[2].starts_with("book/src/figures/old.svg is in no chapter's `figures`"),
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
