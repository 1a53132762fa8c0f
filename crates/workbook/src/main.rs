//! `cargo wb`: the workbook's command line. `cargo wb` alone shows the
//! learner's progress; `cargo wb help` prints what it can do (see `USAGE`).

mod assignment;
#[cfg(test)]
mod assignment_fuzz;
mod cargo;
mod check;
mod doctor;
mod figures;
mod grade;
mod hint;
mod markdown;
mod plan;
mod progress;
mod reset;
mod scaffold;
mod status;
mod style;
mod verify;
mod watch;

use std::fmt;
use std::process::ExitCode;

use anyhow::{Context, Result};
use manifest::{Chapter, Exercise, Workbook};

const USAGE: &str = "\
cargo wb: the workbook's command line

  cargo wb                            your progress (solved, not yet, failing) and what is next
  cargo wb status [CHAPTER|EXERCISE]  the same, for part of the workbook
  cargo wb list                       the chapters and their exercises
  cargo wb check [CHAPTER|EXERCISE]   run the tests, then say which exercises pass
  cargo wb check EXERCISE --timeline  also draw your run as a timeline picture, beside the expected
  cargo wb watch [CHAPTER] [--poll]   check on every save, one exercise at a time (Ctrl-C ends it)
  cargo wb hint EXERCISE [--all]      the next hint (or all of them)
  cargo wb reset EXERCISE             put the exercise file back as it came; yours is kept
  cargo wb reset --list [EXERCISE]    the versions reset kept
  cargo wb reset --restore EXERCISE [NAME]
                                      bring a kept version back (the newest if no NAME)
  cargo wb book [--open]              build the book into book/build (and open it)
  cargo wb doctor                     what is wrong with this copy of the workbook (a changed
                                      snapshot, a missing file…) and the command that fixes it

status, check and watch take --assignment FILE instead of CHAPTER: the
exercises an instructor assigned (see assignments/example.toml).

For instructors:
  cargo wb grade --assignment FILE [--format text|json|junit|markdown]
                                      run an assignment's tests; each exercise and the score.
                                      Exit status 0 only when every exercise passes
  cargo wb new-exercise CHAPTER ID --kind implement|predict|fix [--title T] [--page P.md]
                                      the files, test, module and manifest entry of a new exercise

For maintainers:
  cargo wb verify [--only CHECK,…]    everything CI checks; CHECKs: tooling, solutions,
                                      stubs, manifest, figures, book, python
  cargo wb bless CHAPTER              rewrite a chapter's snapshots from the solutions
  cargo wb plan                       rewrite the book's course plan from workbook.toml
  cargo wb figures                    redraw the book's timeline pictures from the solutions

A CHAPTER is a number (1), a slug (yield) or a crate name (ch01-yield);
an EXERCISE is an id from `cargo wb list`.";

/// A mistake on the command line: one line, exit code 2.
#[derive(Debug)]
struct UsageError(String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn usage_error<T>(message: String) -> Result<T> {
    Err(UsageError(message).into())
}

/// What `check` was asked about.
#[derive(Clone, Copy)]
pub enum Target<'a> {
    Chapter(&'a Chapter),
    Exercise(&'a Chapter, &'a Exercise),
}

fn main() -> ExitCode {
    // `cargo wb list | head` closes the pipe early: end quietly, as a
    // shell tool does (128 + SIGPIPE), instead of panicking.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // std's "failed printing to stdout: Broken pipe (os error 32)"
        let message = info.payload().downcast_ref::<String>();
        if message.is_some_and(|m| m.contains("Broken pipe")) {
            std::process::exit(141);
        }
        default_hook(info)
    }));
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => code,
        Err(e) => match e.downcast_ref::<UsageError>() {
            Some(usage) => {
                eprintln!("cargo wb: {usage}");
                ExitCode::from(2)
            }
            None => {
                eprintln!("cargo wb: {e:#}");
                ExitCode::FAILURE
            }
        },
    }
}

fn run(args: Vec<String>) -> Result<ExitCode> {
    let workbook = || -> Result<Workbook> {
        let here = std::env::current_dir().context("cannot tell which folder this is")?;
        Ok(Workbook::discover(&here)?)
    };
    let Some((command, rest)) = args.split_first() else {
        let wb = workbook()?;
        return status::run(&wb, &progress::everything(&wb), None);
    };
    let mut args = Args(rest.to_vec());
    match command.as_str() {
        "help" | "-h" | "--help" => println!("{USAGE}"),
        "list" => {
            args.done()?;
            list(&workbook()?);
        }
        "status" | "check" | "watch" => {
            let poll = command == "watch" && args.flag("--poll");
            let timeline = command == "check" && args.flag("--timeline");
            let assignment_file = args.value("--assignment")?;
            let name = args.positional()?;
            args.done()?;
            let wb = workbook()?;
            let (selection, assignment) = match (assignment_file, name) {
                (Some(_), Some(name)) => {
                    return usage_error(format!("give either `{name}` or --assignment, not both"));
                }
                (Some(file), None) => {
                    let a = load_assignment(&wb, &file)?;
                    (a.selection(&wb), Some(a))
                }
                (None, Some(name)) => (select(find(&wb, &name)?), None),
                (None, None) => (progress::everything(&wb), None),
            };
            return match command.as_str() {
                "status" => status::run(&wb, &selection, assignment.as_ref()),
                "check" if timeline => {
                    let run = figures::before_check(&wb)?;
                    let code = check::run(&wb, &selection)?;
                    figures::after_check(&wb, &selection, &run)?;
                    Ok(code)
                }
                "check" => check::run(&wb, &selection),
                _ => watch::run(&wb, &selection, poll),
            };
        }
        "reset" => {
            let list = args.flag("--list");
            let restore = args.flag("--restore");
            let first = args.positional()?;
            let second = args.positional()?;
            args.done()?;
            let wb = workbook()?;
            let exercise = first
                .as_deref()
                .map(|id| find_exercise(&wb, id))
                .transpose()?;
            return match (list, restore, exercise, second) {
                (true, true, ..) => usage_error("--list or --restore, not both".into()),
                (true, false, exercise, None) => reset::list(&wb, exercise),
                (false, true, Some((c, e)), name) => reset::restore(&wb, c, e, name.as_deref()),
                (false, false, Some((c, e)), None) => reset::reset(&wb, c, e),
                (_, _, None, _) => usage_error(
                    "which exercise? `cargo wb reset EXERCISE` (ids: `cargo wb list`)".into(),
                ),
                (_, _, Some(_), Some(extra)) => {
                    usage_error(format!("unexpected `{extra}` (`cargo wb help`)"))
                }
            };
        }
        "grade" => {
            let format = args.value("--format")?;
            let Some(file) = args.value("--assignment")? else {
                return usage_error(
                    "which assignment? `cargo wb grade --assignment FILE` (see assignments/example.toml)"
                        .into(),
                );
            };
            args.done()?;
            let format = match format.as_deref() {
                None => grade::Format::Text,
                Some(name) => match grade::Format::parse(name) {
                    Some(f) => f,
                    None => {
                        return usage_error(format!(
                            "there is no format `{name}`; the formats are {}",
                            grade::FORMATS
                        ));
                    }
                },
            };
            let wb = workbook()?;
            let assignment = load_assignment(&wb, &file)?;
            return grade::run(&wb, &assignment, format);
        }
        "new-exercise" => {
            let kind = args.value("--kind")?;
            let title = args.value("--title")?;
            let page = args.value("--page")?;
            let chapter = args.positional()?;
            let id = args.positional()?;
            args.done()?;
            let (Some(chapter), Some(id), Some(kind)) = (chapter, id, kind) else {
                return usage_error(
                    "`cargo wb new-exercise CHAPTER ID --kind implement|predict|fix`".into(),
                );
            };
            let wb = workbook()?;
            let chapter = match find(&wb, &chapter)? {
                Target::Chapter(c) => c,
                Target::Exercise(..) => {
                    return usage_error(format!("`{chapter}` is an exercise; give a chapter"));
                }
            };
            let request = scaffold::Request::new(&wb, chapter, &id, &kind, title, page)
                .map_err(UsageError)?;
            return scaffold::run(&wb, &request);
        }
        "hint" => {
            let all = args.flag("--all");
            let Some(id) = args.positional()? else {
                return usage_error(
                    "which exercise? `cargo wb hint EXERCISE` (ids: `cargo wb list`)".into(),
                );
            };
            args.done()?;
            let wb = workbook()?;
            let (chapter, exercise) = find_exercise(&wb, &id)?;
            hint::run(&wb, chapter, exercise, all);
        }
        "book" => {
            let open = args.flag("--open");
            args.done()?;
            return book(&workbook()?, open);
        }
        "plan" => {
            args.done()?;
            let wb = workbook()?;
            let changed =
                plan::write(&wb).with_context(|| format!("cannot write {}", plan::PAGE))?;
            println!(
                "{} {}",
                plan::PAGE,
                if changed {
                    "rewritten from workbook.toml"
                } else {
                    "already agrees with workbook.toml"
                }
            );
        }
        "verify" => {
            let only = args.value("--only")?;
            args.done()?;
            let checks = match only {
                None => verify::CHECKS.to_vec(),
                Some(list) => list
                    .split(',')
                    .map(|name| verify::find_check(name).map_err(UsageError))
                    .collect::<Result<_, _>>()?,
            };
            return verify::run(&workbook()?, &checks);
        }
        "figures" => {
            args.done()?;
            return figures::write(&workbook()?);
        }
        "doctor" => {
            args.done()?;
            let here = std::env::current_dir().context("cannot tell which folder this is")?;
            return doctor::run(&here);
        }
        "bless" => {
            let Some(name) = args.positional()? else {
                return usage_error("which chapter? `cargo wb bless CHAPTER`".into());
            };
            args.done()?;
            let wb = workbook()?;
            let chapter = match find(&wb, &name)? {
                Target::Chapter(c) if c.has_crate() => c,
                Target::Chapter(c) => {
                    return usage_error(format!(
                        "chapter {} has no exercises, so no snapshots to bless",
                        c.number
                    ));
                }
                Target::Exercise(c, _) => {
                    return usage_error(format!(
                        "bless takes a chapter (`cargo wb bless {}`): it rewrites all of its snapshots",
                        c.number
                    ));
                }
            };
            return bless(&wb, chapter);
        }
        other => {
            return usage_error(format!(
                "there is no command `{other}`; the commands are status, list, check, watch, hint, reset, book, doctor, grade, new-exercise, verify, bless, plan and figures (`cargo wb help`)"
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The arguments after the command, taken one kind at a time.
struct Args(Vec<String>);

impl Args {
    fn flag(&mut self, name: &str) -> bool {
        let before = self.0.len();
        self.0.retain(|a| a != name);
        self.0.len() != before
    }

    /// `--only a,b` or `--only=a,b`.
    fn value(&mut self, name: &str) -> Result<Option<String>> {
        let prefix = format!("{name}=");
        if let Some(i) = self.0.iter().position(|a| a.starts_with(&prefix)) {
            return Ok(Some(self.0.remove(i)[prefix.len()..].to_string()));
        }
        let Some(i) = self.0.iter().position(|a| a == name) else {
            return Ok(None);
        };
        if i + 1 == self.0.len() {
            return usage_error(format!("{name} needs a value"));
        }
        self.0.remove(i);
        Ok(Some(self.0.remove(i)))
    }

    fn positional(&mut self) -> Result<Option<String>> {
        match self.0.first() {
            Some(a) if a.starts_with('-') => {
                usage_error(format!("unknown option `{a}` (`cargo wb help`)"))
            }
            Some(_) => Ok(Some(self.0.remove(0))),
            None => Ok(None),
        }
    }

    fn done(&self) -> Result<()> {
        match self.0.first() {
            None => Ok(()),
            Some(a) if a.starts_with('-') => {
                usage_error(format!("unknown option `{a}` (`cargo wb help`)"))
            }
            Some(a) => usage_error(format!("unexpected `{a}` (`cargo wb help`)")),
        }
    }
}

fn select(target: Target<'_>) -> progress::Selection<'_> {
    match target {
        Target::Chapter(c) => vec![(c, c.exercises.iter().collect())],
        Target::Exercise(c, e) => vec![(c, vec![e])],
    }
}

fn load_assignment(wb: &Workbook, file: &str) -> Result<assignment::Assignment> {
    assignment::Assignment::load(wb, std::path::Path::new(file)).map_err(|e| UsageError(e).into())
}

/// A chapter (number, slug or crate name) or an exercise id.
fn find<'a>(wb: &'a Workbook, name: &str) -> Result<Target<'a>> {
    if let Some(chapter) = wb.chapter(name) {
        return Ok(Target::Chapter(chapter));
    }
    if let Some((chapter, exercise)) = wb.exercise(name) {
        return Ok(Target::Exercise(chapter, exercise));
    }
    let chapters: Vec<String> = wb
        .chapters
        .iter()
        .map(|c| format!("{} ({})", c.number, c.slug))
        .collect();
    usage_error(format!(
        "no chapter or exercise `{name}`. Chapters: {}. Exercises: {}.",
        chapters.join(", "),
        exercise_ids(wb)
    ))
}

fn find_exercise<'a>(wb: &'a Workbook, id: &str) -> Result<(&'a Chapter, &'a Exercise)> {
    match wb.exercise(id) {
        Some(found) => Ok(found),
        None => usage_error(format!(
            "no exercise `{id}`. Exercises: {}.",
            exercise_ids(wb)
        )),
    }
}

fn exercise_ids(wb: &Workbook) -> String {
    let ids: Vec<&str> = wb.exercises().map(|(_, e)| e.id.as_str()).collect();
    if ids.is_empty() {
        "none yet".into()
    } else {
        ids.join(", ")
    }
}

fn list(wb: &Workbook) {
    println!("{}\n", style::bold(&wb.title));
    let width = |f: &dyn Fn(&Chapter, &Exercise) -> usize| {
        wb.exercises().map(|(c, e)| f(c, e)).max().unwrap_or(0)
    };
    let id_w = width(&|_, e| e.id.len());
    let title_w = width(&|_, e| e.title.chars().count());
    let file_w = width(&|c, e| c.exercise_path_for_humans(e).len());
    for chapter in &wb.chapters {
        let exercises = match chapter.exercises.len() {
            0 => "reading only".to_string(),
            1 => "1 exercise".to_string(),
            n => format!("{n} exercises"),
        };
        println!(
            "{}",
            style::bold(&format!(
                "{:>2}  {}  ({} min of reading, {exercises})",
                chapter.number, chapter.title, chapter.minutes
            ))
        );
        for e in &chapter.exercises {
            println!(
                "      {:id_w$}  {:9}  {:title_w$}  {:file_w$}  {:>2} min",
                e.id,
                e.kind.as_str(),
                e.title,
                chapter.exercise_path_for_humans(e),
                e.minutes
            );
        }
    }
    println!("\nRun `cargo wb check EXERCISE` to test one, `cargo wb hint EXERCISE` when stuck.");
}

fn book(wb: &Workbook, open: bool) -> Result<ExitCode> {
    // The course plan page follows the manifest (see `plan`).
    if plan::write(wb).with_context(|| format!("cannot write {}", plan::PAGE))? {
        eprintln!("{} rewritten from workbook.toml", plan::PAGE);
    }
    let Some(mut builder) = cargo::book_builder(&wb.root, open) else {
        anyhow::bail!("the book builder crates/wb-book is not in this workbook");
    };
    let status = builder.status().context("cannot run cargo")?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Rewrite a chapter's snapshots from the reference solutions. Insta
/// writes only with INSTA_UPDATE, which .cargo/config.toml forces to `no`;
/// a `--config` on the command line is the one thing that wins over it.
fn bless(wb: &Workbook, chapter: &Chapter) -> Result<ExitCode> {
    let name = chapter.crate_name();
    let args = [
        "-p",
        &name,
        "--features",
        "solutions",
        "--no-fail-fast",
        "--config",
        r#"env.INSTA_UPDATE.value="always""#,
        // Rewrite headers too (a changed description), not only bodies.
        "--config",
        r#"env.INSTA_FORCE_UPDATE.value="1""#,
    ];
    let run = cargo::test(&wb.root, &args, cargo::Show::Stream)?;
    let snapshots = format!("crates/{name}/snapshots");
    println!("\nChanged snapshots (git status --short {snapshots}):");
    let status = std::process::Command::new("git")
        .args(["status", "--short", "--", &snapshots])
        .current_dir(&wb.root)
        .output();
    match status {
        Ok(out) if out.status.success() && out.stdout.is_empty() => {
            println!("  none: every snapshot already said that.")
        }
        Ok(out) if out.status.success() => print!("{}", String::from_utf8_lossy(&out.stdout)),
        _ => println!("  (git could not tell; compare {snapshots} with your last commit yourself)"),
    }
    println!(
        "\nSnapshots are the answer key. Read every changed .snap line by line (`git diff {snapshots}`)\n\
         before you commit: each line is an event a learner's code must produce, in that order."
    );
    save_originals(wb, chapter)?;
    if run.success {
        Ok(ExitCode::SUCCESS)
    } else {
        println!(
            "{}",
            style::red(
                "Some tests failed even while blessing: a solution panics or never finishes (see above)."
            )
        );
        Ok(ExitCode::FAILURE)
    }
}

/// Copy the chapter's exercise files that changed to `stubs/`, where
/// `cargo wb reset` finds the originals; only files that fail their tests,
/// so that a solved file never becomes an original.
fn save_originals(wb: &Workbook, chapter: &Chapter) -> Result<()> {
    let root = &wb.root;
    let changed: Vec<&Exercise> = chapter
        .exercises
        .iter()
        .filter(|e| {
            let file = std::fs::read(chapter.exercise_file(root, e)).ok();
            file.is_some() && file != std::fs::read(chapter.stub_file(root, e)).ok()
        })
        .collect();
    if changed.is_empty() {
        println!(
            "\nThe originals in stubs/{} already equal the exercise files.",
            chapter.folder_name()
        );
        return Ok(());
    }
    println!(
        "\nThe stubs that changed go to stubs/{} (what `cargo wb reset` restores), if they fail their tests:",
        chapter.folder_name()
    );
    let selection = vec![(chapter, changed.clone())];
    let ran = progress::run_tests(wb, &selection)?;
    for exercise in changed {
        let (from, to) = (
            chapter.exercise_file(root, exercise),
            chapter.stub_file(root, exercise),
        );
        let shown = chapter.exercise_path_for_humans(exercise);
        if ran.tested(chapter, exercise) == progress::Tested::Failed {
            std::fs::create_dir_all(to.parent().expect("stubs/<chapter>/"))?;
            std::fs::copy(&from, &to).with_context(|| format!("cannot copy {shown}"))?;
            println!("  copied {shown}");
        } else {
            println!(
                "  {} {shown}: it does not fail its tests (or does not compile), so it is not a stub",
                style::red("not copied")
            );
        }
    }
    Ok(())
}
