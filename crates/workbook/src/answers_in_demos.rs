//! verify's book check: no file the book sends a reader to, before or on
//! an exercise's page, holds that exercise's answer. A page includes code
//! from a file, and a reader who opens the file sees all of it, not only
//! the part the page shows; a demo that also does the exercise's job (a
//! function "not in the book", or the page's example run on more data)
//! hands the answer to whoever looks. Later pages may build on an answer:
//! the reader has written it by then.
//!
//! An exercise's *answer* is what its solution adds to the stub: the
//! lines of the solution, with whitespace dropped, that the stub does not
//! have, leaving out comments and lines that are only brackets or
//! `.await`. A file holds the answer when it has most of it in the same
//! order: the longest common subsequence of the two, counted in
//! characters, is [`MOST`] of the answer or more. Renaming one variable
//! or changing one call leaves the rest in order, so that is not enough
//! to hide it; a demo that shares a few calls with the answer (the API
//! the page teaches) is far below.

use std::path::{Path, PathBuf};

use manifest::Workbook;

use crate::markdown;

/// The share of an answer, in percent of its characters, that a file may
/// not hold. A demo that shows the calls an exercise needs holds a
/// quarter of its answer or less (27% at most, on the pages before or on
/// an exercise's); the two that gave answers away held 54% (a socket
/// client beside the exercise that asks for one) and 67% (batch downloads
/// "not in the book").
const MOST: usize = 40;

/// Answers shorter than this (in characters, without whitespace) are one
/// or two calls, which any demo of the page may well make: the one-line
/// repair of a fix exercise.
const SMALLEST_ANSWER: usize = 100;

pub fn problems(wb: &Workbook) -> Vec<String> {
    let root = &wb.root;
    let pages = pages_in_reading_order(root);
    let mut problems = Vec::new();
    for (chapter, exercise) in wb.exercises() {
        let (Ok(solution), Ok(stub)) = (
            std::fs::read_to_string(chapter.solution_file(root, exercise)),
            std::fs::read_to_string(chapter.stub_file(root, exercise)),
        ) else {
            continue; // the manifest check reports a missing file
        };
        let answer = answer_lines(&solution, &stub);
        let size: usize = answer.iter().map(String::len).sum();
        if size < SMALLEST_ANSWER {
            continue;
        }
        let page = chapter.page_file(root, exercise);
        let Some(last) = pages.iter().position(|p| *p == page) else {
            continue; // the manifest check reports a page not in the book
        };
        for file in included_code(&pages[..=last]) {
            let Ok(text) = std::fs::read_to_string(&file) else {
                continue; // the book check reports a missing include
            };
            let held = common_chars(&answer, &code_lines(&text));
            if held * 100 >= size * MOST {
                problems.push(format!(
                    "{} holds {}% of the answer to exercise `{}` (its solution's lines that the stub lacks), and the book sends a reader to it before or on the exercise's page ({}): move that code to a test of the solutions (a tests/ file that starts with #![cfg(feature = \"solutions\")])",
                    crate::paths::rel(root, &file),
                    held * 100 / size,
                    exercise.id,
                    chapter.page_path_for_humans(exercise),
                ));
            }
        }
    }
    problems
}

/// The pages SUMMARY.md lists, in its order.
fn pages_in_reading_order(root: &Path) -> Vec<PathBuf> {
    let src = root.join("book/src");
    let summary = std::fs::read_to_string(src.join("SUMMARY.md")).unwrap_or_default();
    summary
        .lines()
        .filter_map(|line| {
            let (_, rest) = line.split_once("](")?;
            let (target, _) = rest.split_once(')')?;
            target.ends_with(".md").then(|| src.join(target))
        })
        .collect()
}

/// The Rust files these pages include, each once, in the order met.
fn included_code(pages: &[PathBuf]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = Vec::new();
    for page in pages {
        let Ok(text) = std::fs::read_to_string(page) else {
            continue;
        };
        let dir = page.parent().unwrap_or(Path::new("."));
        for include in markdown::includes(&text) {
            let file = normalised(&dir.join(&include.path));
            if file.extension().is_some_and(|e| e == "rs") && !files.contains(&file) {
                files.push(file);
            }
        }
    }
    files
}

/// `book/src/ch06/../../../crates/x.rs` as `crates/x.rs`, so that two
/// pages including the same file name it the same way.
fn normalised(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The solution's lines the stub does not have: see the module's comment.
pub fn answer_lines(solution: &str, stub: &str) -> Vec<String> {
    let stub_lines = code_lines(stub);
    code_lines(solution)
        .into_iter()
        .filter(|line| !stub_lines.contains(line))
        .collect()
}

/// A file's lines without whitespace, comments, and lines that are only
/// punctuation or `.await`.
fn code_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| line.split_whitespace().collect::<String>())
        .filter(|line| {
            let bare = line.trim_end_matches([';', ',', '?']);
            !line.starts_with("//")
                && bare != ".await"
                && !line.chars().all(|c| "()[]{};,.".contains(c))
        })
        .collect()
}

/// The longest common subsequence of `answer` and `file`, in characters
/// of `answer`'s lines.
fn common_chars(answer: &[String], file: &[String]) -> usize {
    // best[j]: the best for answer[i..] against file[j..], row by row.
    let mut below = vec![0; file.len() + 1];
    for line in answer.iter().rev() {
        let mut row = vec![0; file.len() + 1];
        for j in (0..file.len()).rev() {
            let matched = if *line == file[j] {
                below[j + 1] + line.len()
            } else {
                0
            };
            row[j] = matched.max(below[j]).max(row[j + 1]);
        }
        below = row;
    }
    below[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    const STUB: &str = "use crate::fetch;\n\npub async fn download_all(urls: &[&'static str]) -> Vec<String> {\n    todo!(\"a task per URL\")\n}\n";
    const SOLUTION: &str = "use crate::fetch;\n\npub async fn download_all(urls: &[&'static str]) -> Vec<String> {\n    // one task a page\n    let tasks: Vec<aio::Task<String>> = urls\n        .iter()\n        .map(|&url| aio::spawn(url, fetch(url)))\n        .collect();\n    aio::gather(&tasks).await\n}\n";

    #[test]
    fn the_answer_is_what_the_solution_adds() {
        assert_eq!(
            answer_lines(SOLUTION, STUB),
            [
                "lettasks:Vec<aio::Task<String>>=urls",
                ".iter()",
                ".map(|&url|aio::spawn(url,fetch(url)))",
                ".collect();",
                "aio::gather(&tasks).await",
            ]
        );
    }

    #[test]
    fn a_demo_that_renames_one_call_still_holds_the_answer() {
        let demo = "async fn all_at_once(urls: &[String]) -> Vec<String> {\n    let tasks: Vec<aio::Task<String>> = urls\n        .iter()\n        .map(|url| aio::spawn(url, download(url.clone())))\n        .collect();\n    aio::gather(&tasks).await\n}\n";
        let answer = answer_lines(SOLUTION, STUB);
        let size: usize = answer.iter().map(String::len).sum();
        let held = common_chars(&answer, &code_lines(demo));
        assert!(held * 100 >= size * MOST, "{held} of {size}");
    }

    #[test]
    fn a_demo_that_shares_a_call_does_not() {
        let demo = "async fn one_after_the_other(urls: &[String]) -> Vec<String> {\n    let mut pages = Vec::new();\n    for url in urls {\n        pages.push(download(url.clone()).await);\n    }\n    pages\n}\nfn later() { aio::gather(&tasks).await; }\n";
        let answer = answer_lines(SOLUTION, STUB);
        let size: usize = answer.iter().map(String::len).sum();
        let held = common_chars(&answer, &code_lines(demo));
        assert!(held * 100 < size * MOST, "{held} of {size}");
    }

    #[test]
    fn order_counts() {
        let lines = |s: &[&str]| s.iter().map(|l| l.to_string()).collect::<Vec<_>>();
        assert_eq!(
            common_chars(&lines(&["ab", "cd"]), &lines(&["ab", "x", "cd"])),
            4
        );
        assert_eq!(
            common_chars(&lines(&["ab", "cd"]), &lines(&["cd", "ab"])),
            2
        );
        assert_eq!(common_chars(&lines(&["ab"]), &[]), 0);
    }

    #[test]
    fn paths_through_the_book_are_normalised() {
        assert_eq!(
            normalised(Path::new("/w/book/src/ch06/../../../crates/x.rs")),
            Path::new("/w/crates/x.rs")
        );
    }
}
