//! The book's course plan for instructors: every chapter with its minutes
//! and exercises, written from `workbook.toml` into a page of chapter 0.
//!
//! The page is committed like any other, so the book builds from a fresh
//! clone with any mdBook. `cargo wb plan` (and `cargo wb book`, and
//! `cargo wb new-exercise`) rewrite it; `cargo wb verify` fails when it is
//! not what the manifest says.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use manifest::{Chapter, Workbook};

/// Where the page is, under the workbook's root.
pub const PAGE: &str = "book/src/ch00-before-we-start/course-plan.md";

pub fn page_file(root: &Path) -> PathBuf {
    root.join(PAGE)
}

/// `95 min`, `2 h`, `2 h 10 min`.
fn duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// The first `# ` heading of a book page, or its file name.
fn page_title(root: &Path, chapter: &Chapter, page: &str) -> String {
    std::fs::read_to_string(chapter.book_dir(root).join(page))
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|l| l.strip_prefix("# ").map(|t| t.trim().to_string()))
        })
        .unwrap_or_else(|| page.to_string())
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

pub fn render(wb: &Workbook) -> String {
    let root = &wb.root;
    let mut out = String::new();
    let _ = writeln!(out, "# For instructors: a course plan\n");
    let _ = writeln!(
        out,
        "<!-- Written from workbook.toml by `cargo wb plan` (and `cargo wb book`); \
         `cargo wb verify` checks that it is up to date. Do not edit it by hand. -->\n"
    );
    out.push_str(
        "Every chapter stands alone: the chapters that need an event loop run on the\n\
         reference loops, never on a learner's answers to earlier chapters, so any\n\
         chapter can be assigned on its own. The minutes are estimates: reading the\n\
         chapter, and doing each exercise. An assignment is a small TOML file\n\
         (`assignments/example.toml` assigns chapter 4); `cargo wb grade --assignment\n\
         FILE` runs its tests and scores them (the README's \"For instructors\" says\n\
         how).\n\n",
    );
    let _ = writeln!(out, "| chapter | reading | exercises | in all |");
    let _ = writeln!(out, "|---|--:|--:|--:|");
    let (mut reading, mut count, mut work) = (0, 0, 0);
    for chapter in &wb.chapters {
        let exercise_minutes: u32 = chapter.exercises.iter().map(|e| e.minutes).sum();
        let exercises = match chapter.exercises.len() {
            0 => "none".to_string(),
            n => format!("{n}: {}", duration(exercise_minutes)),
        };
        let _ = writeln!(
            out,
            "| [{}. {}](../{}/index.md) | {} | {exercises} | {} |",
            chapter.number,
            cell(&chapter.title),
            chapter.crate_name(),
            duration(chapter.minutes),
            duration(chapter.minutes + exercise_minutes)
        );
        reading += chapter.minutes;
        count += chapter.exercises.len();
        work += exercise_minutes;
    }
    let _ = writeln!(
        out,
        "| **in all** | {} | {count}: {} | {} |",
        duration(reading),
        duration(work),
        duration(reading + work)
    );
    for chapter in wb.chapters.iter().filter(|c| c.has_crate()) {
        let minutes: u32 = chapter.exercises.iter().map(|e| e.minutes).sum();
        let _ = writeln!(
            out,
            "\n## {}. {}\n\nAbout {}: {} of reading and {} exercises ({}). \
             `chapters = [{}]` in an assignment; the files are in `exercises/{}/`.\n",
            chapter.number,
            chapter.title,
            duration(chapter.minutes + minutes),
            duration(chapter.minutes),
            chapter.exercises.len(),
            duration(minutes),
            chapter.number,
            chapter.folder_name()
        );
        let _ = writeln!(out, "| exercise | kind | minutes | in the book |");
        let _ = writeln!(out, "|---|---|--:|---|");
        for e in &chapter.exercises {
            let _ = writeln!(
                out,
                "| `{}`: {} | {} | {} | [{}](../{}/{}) |",
                e.id,
                cell(&e.title),
                e.kind,
                e.minutes,
                cell(&page_title(root, chapter, &e.page)),
                chapter.crate_name(),
                e.page
            );
        }
    }
    out
}

/// Rewrite the page if it is not what the manifest says; whether it was.
pub fn write(wb: &Workbook) -> std::io::Result<bool> {
    let file = page_file(&wb.root);
    let text = render(wb);
    if std::fs::read_to_string(&file).ok().as_deref() == Some(text.as_str()) {
        return Ok(false);
    }
    std::fs::write(&file, text)?;
    Ok(true)
}

/// `cargo wb plan`: rewrite the page, and say whether it changed.
pub fn run(wb: &Workbook) -> Result<()> {
    let changed = write(wb).with_context(|| format!("cannot write {PAGE}"))?;
    println!(
        "{PAGE} {}",
        if changed {
            "rewritten from workbook.toml"
        } else {
            "already agrees with workbook.toml"
        }
    );
    Ok(())
}

/// Whether the page is what the manifest says (for `verify`).
pub fn is_current(wb: &Workbook) -> bool {
    std::fs::read_to_string(page_file(&wb.root)).ok() == Some(render(wb))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_a_person_wrote_them() {
        assert_eq!(duration(45), "45 min");
        assert_eq!(duration(120), "2 h");
        assert_eq!(duration(130), "2 h 10 min");
    }

    #[test]
    fn the_plan_lists_chapters_minutes_and_exercises() {
        let wb = Workbook::parse(
            Path::new("/nowhere"),
            Path::new("/nowhere/workbook.toml"),
            r#"
title = "T"
[[chapters]]
number = 0
slug = "intro"
title = "Intro"
minutes = 20
[[chapters]]
number = 1
slug = "yield"
title = "yield"
minutes = 35
[[chapters.exercises]]
id = "hello"
kind = "implement"
title = "A | B"
page = "generators.md"
minutes = 100
tests = ["hello::t"]
hints = ["one", "two"]
"#,
        )
        .unwrap();
        let page = render(&wb);
        assert!(
            page.contains("| [0. Intro](../ch00-intro/index.md) | 20 min | none | 20 min |"),
            "{page}"
        );
        assert!(
            page.contains(
                "| [1. yield](../ch01-yield/index.md) | 35 min | 1: 1 h 40 min | 2 h 15 min |"
            ),
            "{page}"
        );
        assert!(
            page.contains("| **in all** | 55 min | 1: 1 h 40 min | 2 h 35 min |"),
            "{page}"
        );
        assert!(page.contains("| `hello`: A \\| B | implement | 100 | [generators.md](../ch01-yield/generators.md) |"), "{page}");
    }
}
