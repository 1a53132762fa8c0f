//! `cargo wb`: the workbook's command line. `cargo wb` alone prints what
//! it can do (see `USAGE`).

mod cargo;
mod check;
mod hint;
mod markdown;
mod style;
mod verify;

use std::fmt;
use std::process::ExitCode;

use anyhow::{Context, Result};
use manifest::{Chapter, Exercise, Workbook};

const USAGE: &str = "\
cargo wb: the workbook's command line

  cargo wb list                       the chapters and their exercises
  cargo wb check [CHAPTER|EXERCISE]   run the tests, then say which exercises pass
  cargo wb hint EXERCISE [--all]      the next hint (or all of them)
  cargo wb book [--open]              build the book into book/build (and open it)

For maintainers:
  cargo wb verify [--only CHECK,…]    everything CI checks; CHECKs: tooling, solutions,
                                      stubs, manifest, book, python
  cargo wb bless CHAPTER              rewrite a chapter's snapshots from the solutions

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
    let Some((command, rest)) = args.split_first() else {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    };
    let mut args = Args(rest.to_vec());
    let workbook = || -> Result<Workbook> {
        let here = std::env::current_dir().context("cannot tell which folder this is")?;
        Ok(Workbook::discover(&here)?)
    };
    match command.as_str() {
        "help" | "-h" | "--help" => println!("{USAGE}"),
        "list" => {
            args.done()?;
            list(&workbook()?);
        }
        "check" => {
            let name = args.positional()?;
            args.done()?;
            let wb = workbook()?;
            let target = name.map(|n| find(&wb, &n)).transpose()?;
            return check::run(&wb, target);
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
                "there is no command `{other}`; the commands are list, check, hint, book, verify and bless (`cargo wb help`)"
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
