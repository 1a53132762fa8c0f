//! An instructor's assignment: part of the workbook, in a small TOML file.
//!
//! ```toml
//! title = "Week 4: the event loop"   # optional; the file's name otherwise
//! due = 2026-03-14                   # optional: a TOML date or date-time, or a string
//! chapters = [4]                     # whole chapters, by number or slug
//! exercises = ["hello"]              # and/or single exercises, by id
//! [weights]                          # optional: every exercise weighs 1 otherwise
//! clock = 2
//! ```
//!
//! See `assignments/example.toml`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use manifest::Workbook;

use crate::progress::Selection;

#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// As given on the command line, for messages.
    pub file: PathBuf,
    pub title: String,
    pub due: Option<String>,
    /// Chosen exercise ids, in the manifest's order.
    pub exercises: Vec<String>,
    /// Weight of each chosen exercise (1 unless `[weights]` says otherwise).
    pub weights: BTreeMap<String, f64>,
}

/// The most the weights of an assignment may add up to: reports stay
/// finite numbers, and JSON.
const MAX_TOTAL_WEIGHT: f64 = 1_000_000.0;

const KEYS: [&str; 5] = ["title", "due", "chapters", "exercises", "weights"];

impl Assignment {
    /// Read and check `file` against the workbook. The error is one line
    /// that starts with the file (and the line, where there is one).
    pub fn load(wb: &Workbook, file: &Path) -> Result<Assignment, String> {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("{}: cannot read the assignment: {e}", file.display()))?;
        Assignment::parse(wb, file, &text)
    }

    pub fn parse(wb: &Workbook, file: &Path, text: &str) -> Result<Assignment, String> {
        let at = |line: Option<usize>, message: String| match line {
            Some(n) => format!("{}: line {n}: {message}", file.display()),
            None => format!("{}: {message}", file.display()),
        };
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let line = e.span().map(|s| line_of(text, s.start));
            at(line, e.message().trim().replace('\n', " "))
        })?;
        for key in table.keys() {
            if !KEYS.contains(&key.as_str()) {
                return Err(at(
                    key_line(text, None, key),
                    format!("unknown key `{key}`; an assignment has {}", KEYS.join(", ")),
                ));
            }
        }
        let line = |key: &str| key_line(text, None, key);
        let title = match table.get("title") {
            None => file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            Some(v) => v
                .as_str()
                .ok_or_else(|| at(line("title"), "`title` should be a string".into()))?
                .to_string(),
        };
        let due = match table.get("due") {
            None => None,
            Some(toml::Value::Datetime(d)) => Some(d.to_string()),
            Some(toml::Value::String(s)) => Some(s.clone()),
            Some(_) => {
                return Err(at(
                    line("due"),
                    "`due` should be a date (due = 2026-03-14) or a string".into(),
                ));
            }
        };

        let mut chosen = Vec::new();
        let list = |key: &str| -> Result<Vec<toml::Value>, String> {
            match table.get(key) {
                None => Ok(Vec::new()),
                Some(toml::Value::Array(items)) => Ok(items.clone()),
                Some(_) => Err(at(line(key), format!("`{key}` should be a list ([…])"))),
            }
        };
        for item in list("chapters")? {
            let name = match &item {
                toml::Value::Integer(n) => n.to_string(),
                toml::Value::String(s) => s.clone(),
                _ => {
                    return Err(at(
                        line("chapters"),
                        "`chapters` should list numbers or slugs (chapters = [4])".into(),
                    ));
                }
            };
            let chapters: Vec<String> = wb
                .chapters
                .iter()
                .filter(|c| c.has_crate())
                .map(|c| format!("{} ({})", c.number, c.slug))
                .collect();
            match wb.chapter(&name) {
                Some(c) if c.has_crate() => chosen.extend(c.exercises.iter().map(|e| e.id.clone())),
                Some(c) => {
                    return Err(at(
                        line("chapters"),
                        format!(
                            "chapter {} has no exercises; chapters with exercises: {}",
                            c.number,
                            chapters.join(", ")
                        ),
                    ));
                }
                None => {
                    return Err(at(
                        line("chapters"),
                        format!(
                            "no chapter `{name}`; chapters with exercises: {}",
                            chapters.join(", ")
                        ),
                    ));
                }
            }
        }
        for item in list("exercises")? {
            let Some(id) = item.as_str() else {
                return Err(at(
                    line("exercises"),
                    "`exercises` should list exercise ids (exercises = [\"hello\"])".into(),
                ));
            };
            if wb.exercise(id).is_none() {
                return Err(at(
                    line("exercises"),
                    format!("no exercise `{id}` in workbook.toml (`cargo wb list` shows the ids)"),
                ));
            }
            chosen.push(id.to_string());
        }
        if chosen.is_empty() {
            return Err(at(
                None,
                "it chooses no exercise: give `chapters = [4]` or `exercises = [\"id\", …]`".into(),
            ));
        }
        // The manifest's order, each once.
        let exercises: Vec<String> = wb
            .exercises()
            .map(|(_, e)| e.id.clone())
            .filter(|id| chosen.contains(id))
            .collect();

        let mut weights: BTreeMap<String, f64> =
            exercises.iter().map(|id| (id.clone(), 1.0)).collect();
        match table.get("weights") {
            None => {}
            Some(toml::Value::Table(given)) => {
                for (id, value) in given {
                    let line = key_line(text, Some("weights"), id);
                    let weight = match value {
                        toml::Value::Integer(n) => *n as f64,
                        toml::Value::Float(x) => *x,
                        _ => f64::NAN,
                    };
                    if !(weight.is_finite() && weight > 0.0 && weight <= MAX_TOTAL_WEIGHT) {
                        return Err(at(
                            line,
                            format!(
                                "the weight of `{id}` should be a number more than 0 and at most 1,000,000 \
                                 (to give an exercise no points, list the others in `exercises` instead of its chapter)"
                            ),
                        ));
                    }
                    if !weights.contains_key(id) {
                        return Err(at(
                            line,
                            format!(
                                "`{id}` has a weight but is not in the assignment{}",
                                if wb.exercise(id).is_none() {
                                    " (and workbook.toml has no such exercise)"
                                } else {
                                    ""
                                }
                            ),
                        ));
                    }
                    weights.insert(id.clone(), weight);
                }
            }
            Some(_) => {
                return Err(at(
                    line("weights"),
                    "`weights` should be a table: [weights] then `id = 2` lines".into(),
                ));
            }
        }
        let total: f64 = weights.values().sum();
        if total > MAX_TOTAL_WEIGHT {
            let header = text
                .lines()
                .position(|l| {
                    l.trim()
                        .trim_start_matches('[')
                        .trim_end_matches(']')
                        .trim()
                        == "weights"
                })
                .map(|n| n + 1);
            return Err(at(
                header.or_else(|| line("weights")),
                format!(
                    "the weights add up to {total}, more than 1,000,000: a score that large \
                     says nothing a smaller one would not"
                ),
            ));
        }
        Ok(Assignment {
            file: file.to_path_buf(),
            title,
            due,
            exercises,
            weights,
        })
    }

    /// Its exercises, by chapter, in the manifest's order.
    pub fn selection<'a>(&self, wb: &'a Workbook) -> Selection<'a> {
        wb.chapters
            .iter()
            .map(|c| {
                let chosen = c
                    .exercises
                    .iter()
                    .filter(|e| self.exercises.contains(&e.id))
                    .collect::<Vec<_>>();
                (c, chosen)
            })
            .filter(|(_, e)| !e.is_empty())
            .collect()
    }

    pub fn weight(&self, id: &str) -> f64 {
        self.weights.get(id).copied().unwrap_or(1.0)
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The line where `key` is set (in `[table]`, or at the top level), to
/// point at it in a message.
fn key_line(text: &str, table: Option<&str>, key: &str) -> Option<usize> {
    let mut current: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[') {
            current = Some(header.trim_end_matches(']').trim().to_string());
            continue;
        }
        if current.as_deref() != table {
            continue;
        }
        let name = line
            .split('=')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches('"');
        if line.contains('=') && name == key {
            return Some(i + 1);
        }
    }
    None
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Three chapters: 0 to read, 1 with `hello` and `lazy`, 2 with
    /// `priming` (crates/manifest's samples, shared with its tests).
    const WB: &str = concat!(
        include_str!("../../manifest/tests/samples/tiny.toml"),
        include_str!("../../manifest/tests/samples/more.toml")
    );

    /// The workbook the assignments of the tests are checked against.
    pub(crate) fn wb() -> Workbook {
        Workbook::parse(Path::new("/wb"), Path::new("/wb/workbook.toml"), WB).unwrap()
    }

    fn parse(text: &str) -> Result<Assignment, String> {
        Assignment::parse(&wb(), Path::new("a.toml"), text)
    }

    #[test]
    fn chapters_and_exercises_in_the_manifests_order_with_weights() {
        let a = parse(
            "title = \"Week 1\"\ndue = 2026-03-14\nexercises = [\"priming\"]\nchapters = [\"yield\"]\n[weights]\npriming = 2.5\n",
        )
        .unwrap();
        assert_eq!(a.title, "Week 1");
        assert_eq!(a.due.as_deref(), Some("2026-03-14"));
        assert_eq!(a.exercises, ["hello", "lazy", "priming"]);
        assert_eq!(a.weight("hello"), 1.0);
        assert_eq!(a.weight("priming"), 2.5);
        let wb = wb();
        let selection = a.selection(&wb);
        assert_eq!(selection.len(), 2);
        assert_eq!(selection[0].1.len(), 2);
    }

    #[test]
    fn the_title_defaults_to_the_files_name() {
        assert_eq!(parse("chapters = [1]").unwrap().title, "a");
    }

    #[test]
    fn mistakes_name_their_line() {
        let cases = [
            ("chapters = [1\n", "a.toml: line 1: "),
            (
                "\nchapter = [1]\n",
                "a.toml: line 2: unknown key `chapter`; an assignment has title, due, chapters, exercises, weights",
            ),
            (
                "chapters = [7]\n",
                "a.toml: line 1: no chapter `7`; chapters with exercises: 1 (yield), 2 (send)",
            ),
            (
                "chapters = [0]\n",
                "a.toml: line 1: chapter 0 has no exercises",
            ),
            (
                "exercises = [\"nope\"]\n",
                "a.toml: line 1: no exercise `nope` in workbook.toml",
            ),
            (
                "chapters = [1]\n[weights]\npriming = 2\n",
                "a.toml: line 3: `priming` has a weight but is not in the assignment",
            ),
            (
                "chapters = [1]\n[weights]\nhello = -1\n",
                "a.toml: line 3: the weight of `hello` should be a number more than 0 and at most 1,000,000 (to give an exercise no points, list the others in `exercises` instead of its chapter)",
            ),
            (
                "chapters = [1]\n[weights]\nhello = 0\n",
                "a.toml: line 3: the weight of `hello` should be a number more than 0 and at most 1,000,000 (to give an exercise no points, list the others in `exercises` instead of its chapter)",
            ),
            (
                "chapters = [1]\n[weights]\nhello = 1e308\n",
                "a.toml: line 3: the weight of `hello` should be a number more than 0 and at most 1,000,000 (to give an exercise no points, list the others in `exercises` instead of its chapter)",
            ),
            (
                "chapters = [1]\n[weights]\nhello = 600000\nlazy = 600000\n",
                "a.toml: line 2: the weights add up to 1200000, more than 1,000,000: a score that large says nothing a smaller one would not",
            ),
            ("title = \"x\"\n", "a.toml: it chooses no exercise"),
            (
                "chapters = 1\n",
                "a.toml: line 1: `chapters` should be a list",
            ),
            (
                "due = 3\nchapters = [1]\n",
                "a.toml: line 1: `due` should be a date",
            ),
        ];
        for (text, wanted) in cases {
            let e = parse(text).unwrap_err();
            assert!(e.starts_with(wanted), "{text:?}: {e}");
            assert!(!e.contains('\n'), "one line: {e}");
        }
    }
}
