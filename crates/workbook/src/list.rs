//! `cargo wb list`: the chapters and their exercises, with their files.

use manifest::{Chapter, Exercise, Workbook};

use crate::style;

pub fn run(wb: &Workbook) {
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
