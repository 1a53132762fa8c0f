//! `cargo wb check`: run an exercise's, a chapter's or every chapter's
//! tests, and report each exercise with only what is its own: the
//! compiler's messages about its file, then what its tests said (the diff,
//! the `todo!()`, the watchdog, the panic), then the loop's warnings, and
//! one line that says what to do next.

use std::process::ExitCode;

use anyhow::Result;
use manifest::{Chapter, Exercise, Workbook};

use crate::progress::{self, Ran, Selection, State, Told};
use crate::style;

pub fn run(wb: &Workbook, selection: &Selection, verbose: bool) -> Result<ExitCode> {
    if selection.iter().all(|(_, exercises)| exercises.is_empty()) {
        println!("Nothing to check: no exercises there yet. `cargo wb list` shows them all.");
        return Ok(ExitCode::SUCCESS);
    }
    progress::require_files(wb, selection)?;
    let before = progress::Before::take(wb, selection);
    let ran = progress::run_tests(wb, selection)?;
    // `cargo wb status` reads what this run found.
    progress::record(wb, selection, &before, &ran);
    if verbose {
        print_raw(&ran, selection);
    }
    if let Some(note) = crate::sums::note(&wb.root).or_else(|| crate::doctor::answer_key_note(wb)) {
        eprintln!("{note}");
    }

    let (mut done, mut total, mut next) = (0, 0, None);
    let mut compiled_nothing = true;
    for (chapter, exercises) in selection {
        if exercises.is_empty() {
            continue;
        }
        println!(
            "{}",
            style::bold(&format!("Chapter {}: {}", chapter.number, chapter.title))
        );
        let mut blocked_said = false;
        for exercise in exercises {
            let told = ran.told(wb, chapter, exercise);
            // Why the others were not checked: once a chapter is enough.
            print_exercise(chapter, exercise, &told, !blocked_said);
            blocked_said |= !told.blocked_by.is_empty();
            compiled_nothing &= matches!(told.state, State::Broken | State::NotChecked);
            total += 1;
            if told.state == State::Solved {
                done += 1;
            } else if next.is_none() {
                next = Some((*chapter, *exercise));
            }
        }
    }
    println!();
    if compiled_nothing && ran.built.broken.is_empty() {
        println!(
            "No test ran: cargo refused before compiling anything:\n{}",
            ran.refusal().trim_end()
        );
        return Ok(ExitCode::FAILURE);
    }
    match next {
        None => {
            let all = if total == 1 {
                "It passes".to_string()
            } else {
                format!("All {total} pass")
            };
            println!(
                "{} `cargo wb` shows what is next.",
                style::green(&format!("{all}. Well done!"))
            );
            Ok(ExitCode::SUCCESS)
        }
        Some((chapter, exercise)) => {
            let id = &exercise.id;
            if total > 1 {
                print!("{done} of {total} done. ");
            }
            println!(
                "Next: exercise `{id}`: edit {}, then run `cargo wb check {id}`. The book: {}. Stuck? `cargo wb hint {id}`.",
                chapter.exercise_path_for_humans(exercise),
                chapter.page_path_for_humans(exercise)
            );
            Ok(ExitCode::FAILURE)
        }
    }
}

/// One exercise: its line, then what is its to read; with `why_blocked`,
/// why it could not be checked, if so. `watch` shows the same.
pub fn print_exercise(chapter: &Chapter, exercise: &Exercise, told: &Told, why_blocked: bool) {
    let note = match (told.state, told.schedules) {
        (State::Broken, _) => " (does not compile)".to_string(),
        (State::NotChecked, _) => " (not checked)".to_string(),
        // Chapter 8: what "passes" means there.
        (State::Solved, Some(tried)) => format!(" (on every one of its {tried} schedules)"),
        _ => String::new(),
    };
    println!(
        "  {} {} — {} — {}{note}",
        told.state.mark(),
        exercise.id,
        exercise.title,
        chapter.exercise_path_for_humans(exercise)
    );
    // The compiler's errors in full, its warnings a line each: an
    // unfinished exercise may well have unused variables.
    for d in &told.diagnostics {
        if d.error {
            for line in d.rendered.lines() {
                println!("    {line}");
            }
        } else {
            println!("    {}", style::yellow(&d.short));
        }
    }
    if why_blocked && told.state == State::NotChecked && !told.blocked_by.is_empty() {
        let files = told.blocked_by.join(", ");
        println!(
            "    {files} does not compile, and the chapter's tests need every file of it to: fix it (`cargo wb check` on that exercise shows the error), or put it back as it came with `cargo wb reset`. Until then its other exercises are not checked."
        );
    }
    for failure in told
        .failures
        .iter()
        .copied()
        .chain(told.unawaited.iter().map(String::as_str))
    {
        for line in failure.lines() {
            println!("    {}", colour_diff_line(line));
        }
    }
    // A warning given in every turn of a loop would bury the rest.
    const SHOWN: usize = 3;
    for warning in told.warnings.iter().take(SHOWN) {
        println!("    {}", style::yellow(&format!("warning: {warning}")));
    }
    if told.warnings.len() > SHOWN {
        println!(
            "    {}",
            style::yellow(&format!(
                "(and {} more warnings)",
                told.warnings.len() - SHOWN
            ))
        );
    }
}

/// A diff's `-` lines red, `+` green; everything else as it is.
fn colour_diff_line(line: &str) -> String {
    if line.starts_with("- ") {
        style::red(line)
    } else if line.starts_with("+ ") {
        style::green(line)
    } else {
        line.to_string()
    }
}

/// `--verbose`: what cargo and each test's process printed, raw.
fn print_raw(ran: &Ran, selection: &Selection) {
    eprintln!("{}", ran.built.raw.trim_end());
    for d in &ran.built.diagnostics {
        eprintln!("{}", d.rendered);
    }
    for (_, exercises) in selection {
        for exercise in exercises {
            for test in &exercise.tests {
                if let Some(judged) = ran.test(test) {
                    let ended = match (judged.ended.code, judged.ended.signal) {
                        (Some(code), _) => format!("exit code {code}"),
                        (None, Some(signal)) => format!("ended by signal {signal}"),
                        (None, None) => "did not run".to_string(),
                    };
                    eprintln!("---- {test}: {ended} ----");
                    eprintln!("{}", judged.ended.output.trim_end());
                }
            }
        }
    }
}
