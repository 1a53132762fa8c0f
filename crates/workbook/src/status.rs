//! `cargo wb` and `cargo wb status`: where the learner is, and what to do
//! next. Runs only the tests of exercises that changed (see `progress`).

use std::process::ExitCode;

use anyhow::Result;
use manifest::{Chapter, Exercise, Workbook};

use crate::assignment::Assignment;
use crate::progress::{self, Report, Row, Selection, State};
use crate::style;

pub fn run(
    wb: &Workbook,
    selection: &Selection,
    assignment: Option<&Assignment>,
) -> Result<ExitCode> {
    let report = progress::refresh(wb, selection, &[])?;
    if let Some(note) = crate::sums::note(&wb.root) {
        eprintln!("{note}");
    }
    let whole = report.rows.len() == wb.exercises().count();
    print_table(wb, &report, assignment, whole);
    Ok(ExitCode::SUCCESS)
}

fn print_table(wb: &Workbook, report: &Report, assignment: Option<&Assignment>, whole: bool) {
    match assignment {
        Some(a) => {
            println!("{}", style::bold(&format!("{}: {}", wb.title, a.title)));
            if let Some(due) = &a.due {
                println!("Due {due}.");
            }
        }
        None => println!("{}", style::bold(&wb.title)),
    }
    let id_w = report
        .rows
        .iter()
        .map(|r| r.exercise.id.len())
        .max()
        .unwrap_or(0);
    let title_w = report
        .rows
        .iter()
        .map(|r| r.exercise.title.chars().count())
        .max()
        .unwrap_or(0);
    let mut chapter: Option<u32> = None;
    for row in &report.rows {
        if chapter != Some(row.chapter.number) {
            chapter = Some(row.chapter.number);
            let rows: Vec<&Row> = report
                .rows
                .iter()
                .filter(|r| r.chapter.number == row.chapter.number)
                .collect();
            let solved = rows.iter().filter(|r| r.state == State::Solved).count();
            println!(
                "\n{}",
                style::bold(&format!(
                    "{:>2}  {}  ({solved} of {} solved)",
                    row.chapter.number,
                    row.chapter.title,
                    rows.len()
                ))
            );
        }
        let e = row.exercise;
        // Pad before colouring: escape codes have no width.
        let title = format!("{:title_w$}", e.title);
        println!(
            "  {} {:id_w$}  {:9}  {title}  {}",
            row.state.mark(),
            e.id,
            e.kind.as_str(),
            row.state.words()
        );
    }
    let solved = report
        .rows
        .iter()
        .filter(|r| r.state == State::Solved)
        .count();
    let total = report.rows.len();
    println!();
    match report.next() {
        None if total == 0 => println!("No exercises here yet."),
        None => println!(
            "{}",
            style::green(&format!(
                "All {total} solved. Well done!{}",
                if whole {
                    " The book goes on: `cargo wb book --open`."
                } else {
                    ""
                }
            ))
        ),
        Some(next) => {
            println!("{solved} of {total} solved.");
            print_next("Next:", next.chapter, next.exercise, next.state);
        }
    }
}

/// The next exercise: its file, its page and the commands, one a line.
pub fn print_next(label: &str, chapter: &Chapter, exercise: &Exercise, state: State) {
    let id = &exercise.id;
    let why = match state {
        State::Failing => " (your version does not pass yet)",
        State::Broken => " (your version does not compile)",
        State::NotChecked => " (not checked: another file of the chapter does not compile)",
        _ => "",
    };
    println!(
        "{} exercise `{id}`{why}: {} ({}, chapter {}, about {} min)",
        style::bold(label),
        exercise.title,
        exercise.kind,
        chapter.number,
        exercise.minutes
    );
    println!(
        "  read  {}  (at \"Exercise `{id}`\"; `cargo wb book --open` shows the book)",
        chapter.page_path_for_humans(exercise)
    );
    println!("  edit  {}", chapter.exercise_path_for_humans(exercise));
    println!(
        "  run   cargo wb check {id}   (or `cargo wb watch {}` to check on every save; stuck? `cargo wb hint {id}`)",
        chapter.number
    );
}
