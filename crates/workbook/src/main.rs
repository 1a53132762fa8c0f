//! `cargo wb`: the workbook's command line. `cargo wb` alone shows the
//! learner's progress; `cargo wb help` prints what it can do (see
//! `cli::USAGE`).
//!
//! The command line is parsed into a [`Command`] first (`cli`), which
//! [`run`] then carries out with the module of that command.

mod answers_in_demos;
mod assignment;
#[cfg(test)]
mod assignment_fuzz;
mod bless;
mod book;
mod cargo;
mod check;
mod cli;
mod doctor;
mod exercise_tests;
mod figures;
mod grade;
mod hint;
mod hint_leaks;
mod list;
mod lookup;
mod markdown;
mod paths;
mod plan;
mod progress;
mod reset;
mod scaffold;
mod status;
mod style;
mod submission;
mod sums;
mod verify;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use manifest::Workbook;

use crate::cli::{Command, Reset, UsageError};
use crate::lookup::Target;

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
    let outcome = text_args()
        .and_then(|args| cli::parse(&args))
        .map_err(anyhow::Error::from)
        .and_then(run);
    match outcome {
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

/// The arguments, as text; one that is not (a file name in another
/// encoding) is a usage error, not a panic.
fn text_args() -> Result<Vec<String>, UsageError> {
    std::env::args_os()
        .skip(1)
        .map(|arg| {
            arg.into_string().map_err(|arg| {
                UsageError(format!(
                    "the argument {:?} is not UTF-8 text; every name `cargo wb` takes is",
                    arg.to_string_lossy()
                ))
            })
        })
        .collect()
}

fn here() -> Result<PathBuf> {
    std::env::current_dir().context("cannot tell which folder this is")
}

fn workbook() -> Result<Workbook> {
    Ok(Workbook::discover(&here()?)?)
}

/// Carries out a command: the workbook is read, the names in the command
/// are looked up in it, and the command's module does the rest.
fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Help => {
            println!("{}", cli::USAGE);
            Ok(ExitCode::SUCCESS)
        }
        Command::List => {
            list::run(&workbook()?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Status(scope) => {
            let wb = workbook()?;
            let (selection, assignment) = lookup::scope(&wb, &scope)?;
            status::run(&wb, &selection, assignment.as_ref())
        }
        Command::Check {
            scope,
            timeline,
            verbose,
        } => {
            let wb = workbook()?;
            let (selection, _) = lookup::scope(&wb, &scope)?;
            if !timeline {
                return check::run(&wb, &selection, verbose);
            }
            let drawn = figures::before_check(&wb)?;
            let code = check::run(&wb, &selection, verbose)?;
            figures::after_check(&wb, &selection, &drawn)?;
            Ok(code)
        }
        Command::Watch { scope, poll } => {
            let wb = workbook()?;
            let (selection, _) = lookup::scope(&wb, &scope)?;
            watch::run(&wb, &selection, poll)
        }
        Command::Hint { exercise, all } => {
            let wb = workbook()?;
            let (chapter, exercise) = lookup::exercise(&wb, &exercise)?;
            hint::run(&wb, chapter, exercise, all);
            Ok(ExitCode::SUCCESS)
        }
        Command::Reset(what) => {
            let wb = workbook()?;
            match what {
                Reset::Original(id) => {
                    let (chapter, exercise) = lookup::exercise(&wb, &id)?;
                    reset::reset(&wb, chapter, exercise)
                }
                Reset::List(id) => {
                    let exercise = id.map(|id| lookup::exercise(&wb, &id)).transpose()?;
                    reset::list(&wb, exercise)
                }
                Reset::Restore { exercise, backup } => {
                    let (chapter, exercise) = lookup::exercise(&wb, &exercise)?;
                    reset::restore(&wb, chapter, exercise, backup.as_deref())
                }
            }
        }
        Command::Book { open } => book::run(&workbook()?, open),
        Command::Doctor => doctor::run(&here()?),
        Command::Grade {
            assignment,
            format,
            submissions,
            reports,
        } => {
            let wb = workbook()?;
            let assignment = lookup::assignment(&wb, &assignment)?;
            if submissions.is_empty() {
                grade::run(&wb, &assignment, format)
            } else {
                submission::grade_all(&wb, &assignment, format, &submissions, reports.as_deref())
            }
        }
        Command::NewExercise {
            chapter,
            id,
            kind,
            title,
            page,
        } => {
            let wb = workbook()?;
            let chapter = match lookup::find(&wb, &chapter)? {
                Target::Chapter(c) => c,
                Target::Exercise(..) => {
                    return Err(
                        UsageError(format!("`{chapter}` is an exercise; give a chapter")).into(),
                    );
                }
            };
            let request = scaffold::Request::new(&wb, chapter, &id, &kind, title, page)
                .map_err(UsageError)?;
            scaffold::run(&wb, &request)
        }
        Command::Verify { checks } => verify::run(&workbook()?, &checks),
        Command::Bless {
            variants: Some(file),
            ..
        } => {
            let wb = workbook()?;
            let assignment = lookup::assignment(&wb, &file)?;
            bless::variants(&wb, &assignment)
        }
        Command::Bless { chapter, .. } => {
            let wb = workbook()?;
            let code = match chapter {
                Some(chapter) => bless::run(&wb, &chapter)?,
                None => ExitCode::SUCCESS,
            };
            sums::write(&wb.root).with_context(|| format!("cannot write {}", sums::FILE))?;
            println!(
                "Wrote {}: the checksums of the files that decide results (commit it).",
                sums::FILE
            );
            Ok(code)
        }
        Command::Plan => {
            plan::run(&workbook()?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Figures => figures::write(&workbook()?),
    }
}
