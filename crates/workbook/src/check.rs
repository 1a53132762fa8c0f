//! `cargo wb check`: run an exercise's, a chapter's or every chapter's
//! tests, show cargo's output as it comes, then one line per exercise.

use std::process::ExitCode;

use anyhow::Result;
use manifest::{Chapter, Exercise, Workbook};

use crate::cargo::{self, EXERCISES, Outcome, Show, TestRun};
use crate::progress::{self, Selection, Tested};
use crate::style;

#[derive(PartialEq, Eq)]
enum Status {
    Done,
    Failing,
    /// Some test did not run: the code did not compile, or the test is missing.
    NotRun,
}

pub fn run(wb: &Workbook, selection: &Selection) -> Result<ExitCode> {
    if selection.iter().all(|(_, exercises)| exercises.is_empty()) {
        println!("Nothing to check: no exercises there yet. `cargo wb list` shows them all.");
        return Ok(ExitCode::SUCCESS);
    }
    progress::require_files(wb, selection)?;

    // One cargo run for all chapters: they compile in parallel. Only the
    // exercises' test binary: the demos are the maintainers' business.
    let chosen: Vec<&(&Chapter, Vec<&Exercise>)> =
        selection.iter().filter(|(_, e)| !e.is_empty()).collect();
    let args = progress::test_args(&chosen);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let before = progress::Before::take(wb, selection);
    let run = cargo::test(&wb.root, &args, Show::Stream)?;
    // `cargo wb status` reads what this run found.
    progress::record(wb, selection, &before, |_, e| match status(&run, e) {
        Status::Done => Tested::Passed,
        Status::Failing => Tested::Failed,
        Status::NotRun => Tested::NotRun,
    });
    if let Some(note) = crate::doctor::answer_key_note(wb) {
        eprintln!("{note}");
    }

    println!();
    let (mut done, mut total, mut next) = (0, 0, None);
    for (chapter, exercises) in selection {
        println!(
            "{}",
            style::bold(&format!("Chapter {}: {}", chapter.number, chapter.title))
        );
        for exercise in exercises {
            let status = status(&run, exercise);
            let mark = match status {
                Status::Done => style::green("✓"),
                Status::Failing => style::red("✗"),
                Status::NotRun => style::yellow("·"),
            };
            let note = if status == Status::NotRun {
                " (not run)"
            } else {
                ""
            };
            println!(
                "  {mark} {} — {} — {}{note}",
                exercise.id,
                exercise.title,
                chapter.exercise_path_for_humans(exercise)
            );
            total += 1;
            if status == Status::Done {
                done += 1;
            } else if next.is_none() {
                next = Some((*chapter, *exercise));
            }
        }
    }
    println!();
    if run.results.is_empty() && !run.success {
        println!(
            "No test ran: the code does not compile. Fix the first `error` above (it names the file and line), then run this again."
        );
        return Ok(ExitCode::FAILURE);
    }
    match next {
        None if run.success => {
            let all = if total == 1 {
                "It passes".to_string()
            } else {
                format!("All {total} pass")
            };
            println!("{}", style::green(&format!("{all}. Well done!")));
            Ok(ExitCode::SUCCESS)
        }
        None => Ok(ExitCode::FAILURE), // cargo failed for another reason; its message is above
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

fn status(run: &TestRun, exercise: &Exercise) -> Status {
    let outcomes: Vec<Option<Outcome>> = exercise
        .tests
        .iter()
        .map(|t| run.outcome(t, EXERCISES).map(|r| r.outcome))
        .collect();
    if outcomes.contains(&Some(Outcome::Failed)) {
        Status::Failing
    } else if outcomes.iter().all(|o| *o == Some(Outcome::Passed)) {
        Status::Done
    } else {
        Status::NotRun
    }
}
