//! The names on the command line, looked up in the workbook: a name that
//! is not there is a usage error that lists the valid ones.

use std::path::Path;

use manifest::{Chapter, Exercise, Workbook};

use crate::assignment::Assignment;
use crate::cli::{Scope, UsageError};
use crate::progress::{self, Selection};

/// A chapter, or one of its exercises.
#[derive(Clone, Copy)]
pub enum Target<'a> {
    Chapter(&'a Chapter),
    Exercise(&'a Chapter, &'a Exercise),
}

/// A chapter (number, slug or crate name) or an exercise id.
pub fn find<'a>(wb: &'a Workbook, name: &str) -> Result<Target<'a>, UsageError> {
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
    Err(UsageError(format!(
        "no chapter or exercise `{name}`. Chapters: {}. Exercises: {}.",
        chapters.join(", "),
        exercise_ids(wb)
    )))
}

pub fn exercise<'a>(wb: &'a Workbook, id: &str) -> Result<(&'a Chapter, &'a Exercise), UsageError> {
    wb.exercise(id).ok_or_else(|| {
        UsageError(format!(
            "no exercise `{id}`. Exercises: {}.",
            exercise_ids(wb)
        ))
    })
}

fn exercise_ids(wb: &Workbook) -> String {
    let ids: Vec<&str> = wb.exercises().map(|(_, e)| e.id.as_str()).collect();
    if ids.is_empty() {
        "none yet".into()
    } else {
        ids.join(", ")
    }
}

/// An assignment file, read and checked against the workbook.
pub fn assignment(wb: &Workbook, file: &str) -> Result<Assignment, UsageError> {
    Assignment::load(wb, Path::new(file)).map_err(UsageError)
}

/// The exercises of a scope, and its assignment if it is one.
pub fn scope<'a>(
    wb: &'a Workbook,
    scope: &Scope,
) -> Result<(Selection<'a>, Option<Assignment>), UsageError> {
    Ok(match scope {
        Scope::Everything => (progress::everything(wb), None),
        Scope::Named(name) => (
            match find(wb, name)? {
                Target::Chapter(c) => vec![(c, c.exercises.iter().collect())],
                Target::Exercise(c, e) => vec![(c, vec![e])],
            },
            None,
        ),
        Scope::Assignment(file) => {
            let a = assignment(wb, file)?;
            (a.selection(wb), Some(a))
        }
    })
}
