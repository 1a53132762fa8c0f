//! `cargo wb grade --assignment FILE [--format text|json|junit|markdown]`:
//! run an assignment's tests, and report each exercise and the score.
//!
//! An exercise scores its weight when every one of its tests passes, else 0.
//! The tests always run (the progress cache is updated, never trusted), and
//! a chapter that does not compile costs only its own exercises.
//!
//! Exit status: 0 when every exercise passes, 1 when some do not (the report
//! is complete either way), 2 when the assignment or the command line is
//! wrong. An autograder that gives points per command can run `cargo wb
//! check EXERCISE` per exercise; one that reads a score reads the report.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use manifest::{Chapter, Exercise, Workbook};

use crate::assignment::Assignment;
use crate::progress::{self, Ran, State};
use crate::style;
use verdict::judge::Verdict;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Junit,
    Markdown,
    /// A table, a row per submission (and one for a learner's own copy).
    Csv,
}

pub const FORMATS: &str = "text, json, junit, markdown, csv";

impl Format {
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "text" => Some(Format::Text),
            "json" => Some(Format::Json),
            "junit" | "xml" => Some(Format::Junit),
            "markdown" | "md" => Some(Format::Markdown),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// One exercise's grade.
pub struct Graded<'a> {
    pub chapter: &'a Chapter,
    pub exercise: &'a Exercise,
    pub weight: f64,
    pub state: State,
    /// Its file is not there: it scores 0, and says so.
    pub missing: bool,
    /// Each test: its name, how it ended, and what it printed if it failed.
    pub tests: Vec<(String, &'static str, String)>,
}

impl Graded<'_> {
    pub fn points(&self) -> f64 {
        if self.state == State::Solved {
            self.weight
        } else {
            0.0
        }
    }

    fn result(&self) -> &'static str {
        if self.missing {
            return "missing";
        }
        match self.state {
            State::Solved => "passed",
            State::Failing => "failed",
            State::Broken => "does not compile",
            State::NotChecked | State::NotYet => "not run",
        }
    }
}

pub struct Grades<'a> {
    pub assignment: &'a Assignment,
    pub exercises: Vec<Graded<'a>>,
    /// Graded from a submission in a trusted copy (`--submission`), or in
    /// the learner's own copy (`None`).
    pub provenance: Option<Provenance>,
    /// Why this grade cannot be trusted: the files that decide results and
    /// are not as the workbook was given out (`workbook.sums`). Never for
    /// a submission, which is graded in the instructor's copy.
    pub untrusted: Vec<String>,
}

/// Where a submission's grade comes from.
pub struct Provenance {
    /// The submission's folder, as given.
    pub submission: String,
    /// The commit of the instructor's workbook it was graded in.
    pub commit: String,
    /// Files it changed outside its exercise files: not used.
    pub ignored: Vec<String>,
}

impl Grades<'_> {
    pub fn score(&self) -> f64 {
        self.exercises.iter().map(Graded::points).sum()
    }

    pub fn max_score(&self) -> f64 {
        self.exercises.iter().map(|g| g.weight).sum()
    }

    fn percent(&self) -> f64 {
        let max = self.max_score();
        if max > 0.0 {
            100.0 * self.score() / max
        } else {
            0.0
        }
    }

    pub fn all_pass(&self) -> bool {
        self.passed() == self.exercises.len()
    }

    fn passed(&self) -> usize {
        self.exercises
            .iter()
            .filter(|g| g.state == State::Solved)
            .count()
    }
}

pub fn run(wb: &Workbook, assignment: &Assignment, format: Format) -> Result<ExitCode> {
    let selection = assignment.selection(wb);
    // A missing exercise file scores 0, with its reason: the report comes
    // all the same.
    let before = progress::Before::take(wb, &selection);
    let variants = progress::Variants::of(&assignment.file);
    let ran =
        progress::run_tests_with(wb, &selection, progress::Files::Learner, variants.as_ref())?;
    progress::record(wb, &selection, &before, &ran);
    let mut grades = grade(wb, assignment, &selection, &ran);
    grades.untrusted = match crate::sums::differences(&wb.root) {
        Some(found) => found.iter().map(|d| d.to_string()).collect(),
        None => vec![format!("{} (deleted)", crate::sums::FILE)],
    };
    print!("{}", render(&grades, format));
    Ok(if grades.all_pass() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

pub fn render(grades: &Grades, format: Format) -> String {
    match format {
        Format::Text => text(grades),
        Format::Json => json(grades),
        Format::Junit => junit(grades),
        Format::Markdown => markdown(grades),
        Format::Csv => class_csv(std::slice::from_ref(grades)),
    }
}

/// The columns of a class table: who, the score, each exercise's points,
/// and what was ignored.
fn class_rows(class: &[Grades]) -> (Vec<String>, Vec<Vec<String>>) {
    let Some(first) = class.first() else {
        return (Vec::new(), Vec::new());
    };
    let mut head = vec![
        "learner".to_string(),
        "score".into(),
        "max_score".into(),
        "percent".into(),
    ];
    head.extend(first.exercises.iter().map(|e| e.exercise.id.clone()));
    head.push("ignored".into());
    let rows = class
        .iter()
        .map(|g| {
            let learner = g
                .provenance
                .as_ref()
                .map_or("(this copy)".to_string(), |p| {
                    Path::new(&p.submission)
                        .file_name()
                        .map_or(p.submission.clone(), |n| n.to_string_lossy().into_owned())
                });
            let mut row = vec![
                learner,
                number(g.score()),
                number(g.max_score()),
                number(g.percent()),
            ];
            row.extend(g.exercises.iter().map(|e| number(e.points())));
            row.push(
                g.provenance
                    .as_ref()
                    .map_or(String::new(), |p| p.ignored.join(" ")),
            );
            row
        })
        .collect();
    (head, rows)
}

/// The class as CSV (RFC 4180: a field with a comma, a quote or a line
/// break is quoted, its quotes doubled).
pub fn class_csv(class: &[Grades]) -> String {
    let (head, rows) = class_rows(class);
    let field = |f: &String| {
        if f.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", f.replace('"', "\"\""))
        } else {
            f.clone()
        }
    };
    let mut out = String::new();
    for row in std::iter::once(&head).chain(&rows) {
        out.push_str(&row.iter().map(field).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// The class as a Markdown table.
pub fn class_markdown(class: &[Grades]) -> String {
    let (head, rows) = class_rows(class);
    let line = |cells: &[String]| {
        format!(
            "| {} |\n",
            cells
                .iter()
                .map(|c| md_escape(c))
                .collect::<Vec<_>>()
                .join(" | ")
        )
    };
    let mut out = line(&head);
    out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
    for row in &rows {
        out.push_str(&line(row));
    }
    out
}

pub fn grade<'a>(
    wb: &Workbook,
    assignment: &'a Assignment,
    selection: &progress::Selection<'a>,
    ran: &Ran,
) -> Grades<'a> {
    let mut exercises = Vec::new();
    for (chapter, chosen) in selection {
        for exercise in chosen {
            let state = ran
                .state(wb, chapter, exercise)
                .unwrap_or(State::NotChecked);
            let file = chapter.exercise_path_for_humans(exercise);
            let missing = !chapter.exercise_file(&wb.root, exercise).is_file();
            let tests = exercise
                .tests
                .iter()
                .chain(ran.hidden_tests(exercise))
                .map(|t| {
                    if missing {
                        let why = format!(
                            "{file} is missing (`cargo wb reset {}` puts the original back)",
                            exercise.id
                        );
                        return (t.clone(), "missing", why);
                    }
                    let (outcome, output) = match ran.test(t).map(|j| &j.verdict) {
                        // Its tests pass, and a future in its file is never awaited.
                        Some(Verdict::Passed { .. }) if state == State::Failing => (
                            "failed",
                            ran.told(wb, chapter, exercise).unawaited.join("\n"),
                        ),
                        Some(Verdict::Passed { .. }) => ("passed", String::new()),
                        Some(Verdict::Failed { why, .. }) => ("failed", why.clone()),
                        None if state == State::Broken => ("does not compile", ran.errors()),
                        _ => ("not run", String::new()),
                    };
                    (t.clone(), outcome, output)
                })
                .collect();
            exercises.push(Graded {
                chapter,
                exercise,
                weight: assignment.weight(&exercise.id),
                state: if missing { State::Broken } else { state },
                missing,
                tests,
            });
        }
    }
    Grades {
        assignment,
        exercises,
        provenance: None,
        untrusted: Vec::new(),
    }
}

/// `2`, `2.5`, `0.33`: no trailing zeros.
pub fn number(x: f64) -> String {
    let text = format!("{x:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn heading(g: &Grades) -> String {
    let a = g.assignment;
    let due = a
        .due
        .as_ref()
        .map(|d| format!(", due {d}"))
        .unwrap_or_default();
    format!("{} ({}{due})", a.title, a.file.display())
}

/// Where the grade comes from, in words: a line, and the ignored files.
fn provenance_lines(g: &Grades) -> Vec<String> {
    match &g.provenance {
        None if g.untrusted.is_empty() => Vec::new(),
        None => vec![format!(
            "UNTRUSTED: graded in a copy whose files are not as the workbook was given out: {}. \
             To trust a grade, take it in your own checkout: `cargo wb grade --assignment FILE --submission DIR`.",
            g.untrusted.join(", ")
        )],
        Some(p) => {
            let short = &p.commit[..p.commit.len().min(12)];
            let mut lines = vec![format!(
                "Submission {}, graded in the instructor's workbook at {short}: only its exercise files count.",
                p.submission
            )];
            if !p.ignored.is_empty() {
                lines.push(format!(
                    "Ignored, changed outside its exercise files: {}",
                    p.ignored.join(", ")
                ));
            }
            lines
        }
    }
}

pub fn text(g: &Grades) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", style::bold(&heading(g)));
    for line in provenance_lines(g) {
        let _ = writeln!(out, "{line}");
    }
    let id_w = g
        .exercises
        .iter()
        .map(|e| e.exercise.id.len())
        .max()
        .unwrap_or(0);
    for e in &g.exercises {
        let mark = e.state.mark();
        let _ = writeln!(
            out,
            "  {mark} {:id_w$}  chapter {:<2}  {:>4} of {:<4}  {}",
            e.exercise.id,
            e.chapter.number,
            number(e.points()),
            number(e.weight),
            e.result()
        );
    }
    let _ = writeln!(
        out,
        "Score: {} of {} ({}%); {} of {} exercises pass.",
        number(g.score()),
        number(g.max_score()),
        number(g.percent()),
        g.passed(),
        g.exercises.len()
    );
    out
}

pub fn markdown(g: &Grades) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### {}: score {} of {} ({}%)\n",
        md_escape(&g.assignment.title),
        number(g.score()),
        number(g.max_score()),
        number(g.percent())
    );
    if let Some(due) = &g.assignment.due {
        let _ = writeln!(out, "Due {}.\n", md_escape(due));
    }
    for line in provenance_lines(g) {
        let _ = writeln!(out, "{}\n", md_escape(&line));
    }
    let _ = writeln!(out, "| exercise | chapter | result | points |");
    let _ = writeln!(out, "|---|---|---|---|");
    for e in &g.exercises {
        let mark = if e.state == State::Solved {
            "✅"
        } else {
            "❌"
        };
        let _ = writeln!(
            out,
            "| `{}` {} | {} | {mark} {} | {} / {} |",
            e.exercise.id,
            md_escape(&e.exercise.title),
            e.chapter.number,
            e.result(),
            number(e.points()),
            number(e.weight)
        );
    }
    let _ = writeln!(
        out,
        "\n{} of {} exercises pass.",
        g.passed(),
        g.exercises.len()
    );
    out
}

fn md_escape(text: &str) -> String {
    text.replace('|', "\\|")
}

pub fn json(g: &Grades) -> String {
    let a = g.assignment;
    let mut out = String::from("{\n");
    let _ = writeln!(
        out,
        "  \"assignment\": {{\"title\": {}, \"file\": {}, \"due\": {}}},",
        json_str(&a.title),
        json_str(&a.file.to_string_lossy()),
        a.due.as_deref().map_or("null".into(), json_str)
    );
    let submission = match &g.provenance {
        None => "null".to_string(),
        Some(p) => format!(
            "{{\"dir\": {}, \"commit\": {}, \"ignored\": [{}]}}",
            json_str(&p.submission),
            json_str(&p.commit),
            p.ignored
                .iter()
                .map(|f| json_str(f))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let _ = writeln!(out, "  \"submission\": {submission},");
    let _ = writeln!(
        out,
        "  \"trusted\": {}, \"untrusted\": [{}],",
        g.untrusted.is_empty(),
        g.untrusted
            .iter()
            .map(|f| json_str(f))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(out, "  \"score\": {},", number(g.score()));
    let _ = writeln!(out, "  \"max_score\": {},", number(g.max_score()));
    let _ = writeln!(out, "  \"percent\": {},", number(g.percent()));
    let _ = writeln!(out, "  \"passed\": {},", g.passed());
    let _ = writeln!(out, "  \"total\": {},", g.exercises.len());
    out.push_str("  \"exercises\": [");
    for (i, e) in g.exercises.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        let tests: Vec<String> = e
            .tests
            .iter()
            .map(|(name, outcome, output)| {
                format!(
                    "{{\"name\": {}, \"result\": {}, \"output\": {}}}",
                    json_str(name),
                    json_str(outcome),
                    json_str(output)
                )
            })
            .collect();
        let _ = write!(
            out,
            "    {{\"id\": {}, \"chapter\": {}, \"title\": {}, \"kind\": {}, \"file\": {}, \"weight\": {}, \"points\": {}, \"result\": {}, \"tests\": [{}]}}",
            json_str(&e.exercise.id),
            e.chapter.number,
            json_str(&e.exercise.title),
            json_str(e.exercise.kind.as_str()),
            json_str(&e.chapter.exercise_path_for_humans(e.exercise)),
            number(e.weight),
            number(e.points()),
            json_str(e.result()),
            tests.join(", ")
        );
    }
    out.push_str("\n  ]\n}\n");
    out
}

/// A JSON string (shared with the stepper's steps, in `trace`).
pub use trace::json_string as json_str;

/// JUnit XML, as CI systems read it: one `<testsuite>` per chapter, one
/// `<testcase>` per exercise (with its weight and points as properties), a
/// `<failure>` for a failing exercise and an `<error>` for one that does
/// not compile.
pub fn junit(g: &Grades) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let count = |es: &[&Graded], s: State| es.iter().filter(|e| e.state == s).count();
    let all: Vec<&Graded> = g.exercises.iter().collect();
    let errors = count(&all, State::Broken);
    let _ = writeln!(
        out,
        "<testsuites name={} tests=\"{}\" failures=\"{}\" errors=\"{errors}\">",
        xml_attr(&g.assignment.title),
        all.len(),
        all.len() - count(&all, State::Solved) - errors,
    );
    let lines = provenance_lines(g);
    if !lines.is_empty() {
        let _ = writeln!(
            out,
            "  <properties><property name=\"graded\" value={}/></properties>",
            xml_attr(&lines.join(" "))
        );
    }
    let mut chapters: Vec<&Chapter> = Vec::new();
    for e in &g.exercises {
        if !chapters.iter().any(|c| c.number == e.chapter.number) {
            chapters.push(e.chapter);
        }
    }
    for chapter in chapters {
        let cases: Vec<&Graded> = g
            .exercises
            .iter()
            .filter(|e| e.chapter.number == chapter.number)
            .collect();
        let errors = count(&cases, State::Broken);
        let _ = writeln!(
            out,
            "  <testsuite name={} tests=\"{}\" failures=\"{}\" errors=\"{errors}\">",
            xml_attr(&format!("chapter {}: {}", chapter.number, chapter.title)),
            cases.len(),
            cases.len() - count(&cases, State::Solved) - errors,
        );
        for e in cases {
            let _ = writeln!(
                out,
                "    <testcase classname={} name={} file={}>",
                xml_attr(&chapter.crate_name()),
                xml_attr(&e.exercise.id),
                xml_attr(&chapter.exercise_path_for_humans(e.exercise)),
            );
            let _ = writeln!(
                out,
                "      <properties><property name=\"weight\" value=\"{}\"/><property name=\"points\" value=\"{}\"/></properties>",
                number(e.weight),
                number(e.points())
            );
            let details: Vec<String> = e
                .tests
                .iter()
                .filter(|(_, outcome, _)| *outcome != "passed")
                .map(|(name, outcome, output)| format!("{name}: {outcome}\n{output}"))
                .collect();
            let details = xml_text(details.join("\n").trim_end());
            match e.state {
                State::Solved => {}
                State::Broken => {
                    let _ = writeln!(
                        out,
                        "      <error message=\"does not compile\">{details}</error>"
                    );
                }
                State::Failing | State::NotChecked | State::NotYet => {
                    let _ = writeln!(
                        out,
                        "      <failure message={}>{details}</failure>",
                        xml_attr(e.result())
                    );
                }
            }
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Text for XML: escaped, and without the characters XML 1.0 forbids
/// (a test's output may hold terminal escapes).
fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\t' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn xml_attr(text: &str) -> String {
    format!(
        "\"{}\"",
        xml_text(text).replace('\n', "&#10;").replace('\t', "&#9;")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_drop_trailing_zeros() {
        assert_eq!(number(2.0), "2");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(100.0 / 3.0), "33.33");
        assert_eq!(number(0.0), "0");
    }

    #[test]
    fn json_strings_and_xml_text_are_escaped() {
        assert_eq!(json_str("a\"b\\c\nd\u{1b}"), r#""a\"b\\c\nd\u001b""#);
        assert_eq!(
            xml_text("<a & \"b\">\u{1b}[31m"),
            "&lt;a &amp; &quot;b&quot;&gt;[31m"
        );
        assert_eq!(xml_attr("x\ny"), "\"x&#10;y\"");
    }
}
