//! `workbook.toml`, the one list of chapters and exercises.
//!
//! Everything else is derived from a chapter's number and slug, so adding a
//! chapter is one crate, two folders, one book folder and one manifest entry:
//!
//! | what                | where (chapter 1, slug `yield`)      |
//! |---------------------|--------------------------------------|
//! | crate               | `crates/ch01-yield` (package `ch01-yield`) |
//! | learner's files     | `exercises/ch01_yield/<id>.rs`       |
//! | reference answers   | `solutions/ch01_yield/<id>.rs`       |
//! | original stubs      | `stubs/ch01_yield/<id>.rs` (`cargo wb reset` restores them) |
//! | book pages          | `book/src/ch01-yield/`               |
//! | expected traces     | `crates/ch01-yield/snapshots/*.snap` |

use std::fmt;
use std::path::{Path, PathBuf};

pub const MANIFEST_FILE: &str = "workbook.toml";

#[derive(Debug, Clone)]
pub struct Workbook {
    /// The folder that holds `workbook.toml`.
    pub root: PathBuf,
    pub title: String,
    pub chapters: Vec<Chapter>,
}

#[derive(Debug, Clone)]
pub struct Chapter {
    pub number: u32,
    pub slug: String,
    pub title: String,
    /// Expected minutes for reading the chapter, exercises excluded.
    pub minutes: u32,
    pub exercises: Vec<Exercise>,
    /// Programs whose runs the book shows as timeline pictures: snapshot
    /// names of the chapter's crate, drawn from the solutions into
    /// `book/src/figures/<name>.svg` (`cargo wb figures`). Optional.
    pub figures: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Write the code so that the trace matches.
    Implement,
    /// Read a given program and write down the trace you expect.
    Predict,
    /// A program with a classic bug to repair.
    Fix,
}

#[derive(Debug, Clone)]
pub struct Exercise {
    /// Stable, unique across the workbook; also the file's stem.
    pub id: String,
    pub kind: Kind,
    pub title: String,
    /// The book page that announces it, relative to the chapter's book folder.
    pub page: String,
    pub minutes: u32,
    /// Full test names inside the chapter crate (`hello::five_greetings`).
    pub tests: Vec<String>,
    /// Progressive hints, gentlest first.
    pub hints: Vec<String>,
}

/// A problem with the manifest, with the place it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for Error {}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Implement => "implement",
            Kind::Predict => "predict",
            Kind::Fix => "fix",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Chapter {
    /// `ch01-yield`: the crate's package name and folder under `crates/`,
    /// and the chapter's folder under `book/src/`.
    pub fn crate_name(&self) -> String {
        format!("ch{:02}-{}", self.number, self.slug)
    }

    /// `ch01_yield`: the folder under `exercises/` and `solutions/`.
    pub fn folder_name(&self) -> String {
        format!("ch{:02}_{}", self.number, self.slug.replace('-', "_"))
    }

    /// Chapters without exercises (chapter 0) are book-only: no crate.
    pub fn has_crate(&self) -> bool {
        !self.exercises.is_empty()
    }

    pub fn crate_dir(&self, root: &Path) -> PathBuf {
        root.join("crates").join(self.crate_name())
    }

    pub fn book_dir(&self, root: &Path) -> PathBuf {
        root.join("book/src").join(self.crate_name())
    }

    pub fn snapshot_dir(&self, root: &Path) -> PathBuf {
        self.crate_dir(root).join("snapshots")
    }

    pub fn exercise_file(&self, root: &Path, exercise: &Exercise) -> PathBuf {
        root.join("exercises")
            .join(self.folder_name())
            .join(format!("{}.rs", exercise.id))
    }

    pub fn solution_file(&self, root: &Path, exercise: &Exercise) -> PathBuf {
        root.join("solutions")
            .join(self.folder_name())
            .join(format!("{}.rs", exercise.id))
    }

    /// The exercise file as it comes, kept apart from the learner's copy:
    /// what `cargo wb reset` puts back, and how `cargo wb status` knows an
    /// exercise was not started. `cargo wb verify` checks that it equals
    /// the file under `exercises/` in the workbook's own repository.
    pub fn stub_file(&self, root: &Path, exercise: &Exercise) -> PathBuf {
        root.join("stubs")
            .join(self.folder_name())
            .join(format!("{}.rs", exercise.id))
    }

    pub fn page_file(&self, root: &Path, exercise: &Exercise) -> PathBuf {
        self.book_dir(root).join(&exercise.page)
    }

    /// `exercises/ch01_yield/hello.rs`, as a learner would type it.
    pub fn exercise_path_for_humans(&self, exercise: &Exercise) -> String {
        format!("exercises/{}/{}.rs", self.folder_name(), exercise.id)
    }

    /// `book/src/ch01-yield/generators.md`, as a learner would type it.
    pub fn page_path_for_humans(&self, exercise: &Exercise) -> String {
        format!("book/src/{}/{}", self.crate_name(), exercise.page)
    }
}

impl Workbook {
    /// Find `workbook.toml` in `start` or the nearest folder above it.
    pub fn find_root(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .find(|dir| dir.join(MANIFEST_FILE).is_file())
            .map(Path::to_path_buf)
    }

    /// Load the manifest of the workbook that contains `start`.
    pub fn discover(start: &Path) -> Result<Workbook, Error> {
        let root = Self::find_root(start).ok_or_else(|| Error {
            path: start.to_path_buf(),
            message: format!(
                "no {MANIFEST_FILE} here or in any folder above: \
                 run this inside the workbook's folder"
            ),
        })?;
        Self::load(&root)
    }

    pub fn load(root: &Path) -> Result<Workbook, Error> {
        let path = root.join(MANIFEST_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| Error {
            path: path.clone(),
            message: format!("cannot read it: {e}"),
        })?;
        Self::parse(root, &path, &text)
    }

    /// Parse manifest text. `path` is only used in error messages.
    pub fn parse(root: &Path, path: &Path, text: &str) -> Result<Workbook, Error> {
        let err = |message: String| Error {
            path: path.to_path_buf(),
            message,
        };
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            err(match e.span() {
                Some(span) => format!("line {}: {}", line_of(text, span.start), e.message()),
                None => e.message().to_string(),
            })
        })?;
        let top = Fields::new(&table, "the top level");
        let title = top.string("title").map_err(err)?;
        let mut chapters = Vec::new();
        for (i, chapter) in top.tables("chapters").map_err(err)?.into_iter().enumerate() {
            chapters.push(parse_chapter(chapter, i).map_err(err)?);
        }
        let workbook = Workbook {
            root: root.to_path_buf(),
            title,
            chapters,
        };
        workbook.check_unique().map_err(err)?;
        Ok(workbook)
    }

    fn check_unique(&self) -> Result<(), String> {
        let mut numbers = std::collections::BTreeSet::new();
        let mut ids = std::collections::BTreeSet::new();
        let mut figures = std::collections::BTreeSet::new();
        for chapter in &self.chapters {
            for figure in &chapter.figures {
                if !figures.insert(figure.as_str()) {
                    return Err(format!(
                        "chapter {}: figure `{figure}` is listed twice (figures share one folder, book/src/figures)",
                        chapter.number
                    ));
                }
            }
            if !numbers.insert(chapter.number) {
                return Err(format!(
                    "chapter {}: `number = {}` is used by another chapter too",
                    chapter.number, chapter.number
                ));
            }
            for exercise in &chapter.exercises {
                if !ids.insert(exercise.id.as_str()) {
                    return Err(format!("exercise id `{}` is used twice", exercise.id));
                }
            }
        }
        Ok(())
    }

    pub fn exercises(&self) -> impl Iterator<Item = (&Chapter, &Exercise)> {
        self.chapters
            .iter()
            .flat_map(|c| c.exercises.iter().map(move |e| (c, e)))
    }

    pub fn exercise(&self, id: &str) -> Option<(&Chapter, &Exercise)> {
        self.exercises().find(|(_, e)| e.id == id)
    }

    /// A chapter by number (`1`, `01`), slug (`yield`) or crate name (`ch01-yield`).
    pub fn chapter(&self, name: &str) -> Option<&Chapter> {
        let number = name.trim_start_matches("ch").parse::<u32>().ok();
        self.chapters
            .iter()
            .find(|c| Some(c.number) == number || c.slug == name || c.crate_name() == name)
    }

    /// The exercise that owns the file `path` (an exercise or solution file).
    pub fn exercise_for_file(&self, path: &Path) -> Option<(&Chapter, &Exercise)> {
        self.exercises().find(|(c, e)| {
            let candidates = [
                c.exercise_file(&self.root, e),
                c.solution_file(&self.root, e),
            ];
            candidates.iter().any(|f| paths_equal(f, path))
        })
    }
}

/// The expected trace in a snapshot file: the text after insta's 4-line
/// header (`---`, `source: …`, `description: …`, `---`), or `None` if the
/// file does not start with exactly that header. The book shows snapshots
/// from line 5 (`{{#include …snap:5:}}`), so the header must be those 4 lines.
pub fn snapshot_body(text: &str) -> Option<&str> {
    let mut rest = text;
    for starts in ["---", "source: ", "description: ", "---"] {
        let (line, after) = rest.split_once('\n')?;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let ok = if starts == "---" {
            line == "---"
        } else {
            line.starts_with(starts)
        };
        if !ok {
            return None;
        }
        rest = after;
    }
    Some(rest)
}

fn paths_equal(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Counted in bytes: a span that ends inside a character must not panic.
fn line_of(text: &str, offset: usize) -> usize {
    let before = &text.as_bytes()[..offset.min(text.len())];
    before.iter().filter(|&&b| b == b'\n').count() + 1
}

fn parse_chapter(table: &toml::Table, index: usize) -> Result<Chapter, String> {
    let place = format!("chapter #{}", index + 1);
    let fields = Fields::new(table, &place);
    let number = fields.number("number")?;
    let place = format!("chapter {number}");
    let fields = Fields::new(table, &place);
    let slug = fields.string("slug")?;
    if slug.is_empty()
        || !slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(format!(
            "{place}: `slug` {slug:?} must be lowercase letters, digits and '-'"
        ));
    }
    let mut exercises = Vec::new();
    for exercise in fields.optional_tables("exercises")? {
        exercises.push(parse_exercise(exercise, &place)?);
    }
    let figures = if table.contains_key("figures") {
        fields.strings("figures")?
    } else {
        Vec::new()
    };
    if let Some(bad) = figures.iter().find(|name| {
        name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    }) {
        return Err(format!(
            "{place}: `figures`: {bad:?} should be a snapshot's name (letters, digits, '_' and '-')"
        ));
    }
    Ok(Chapter {
        number,
        slug,
        title: fields.string("title")?,
        minutes: fields.number("minutes")?,
        exercises,
        figures,
    })
}

fn parse_exercise(table: &toml::Table, chapter: &str) -> Result<Exercise, String> {
    let id = Fields::new(table, &format!("an exercise of {chapter}")).string("id")?;
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(format!(
            "{chapter}: exercise `id` {id:?} must be lowercase letters, digits and '_' (it names a .rs file)"
        ));
    }
    let place = format!("exercise `{id}` of {chapter}");
    let fields = Fields::new(table, &place);
    let kind = match fields.string("kind")?.as_str() {
        "implement" => Kind::Implement,
        "predict" => Kind::Predict,
        "fix" => Kind::Fix,
        other => {
            return Err(format!(
                "{place}: `kind` {other:?} is not one of implement, predict, fix"
            ));
        }
    };
    let tests = fields.strings("tests")?;
    if tests.is_empty() {
        return Err(format!(
            "{place}: `tests` is empty; every exercise is checked by at least one test"
        ));
    }
    let hints = fields.strings("hints")?;
    if hints.len() < 2 {
        return Err(format!(
            "{place}: `hints`: give at least two hints, gentlest first"
        ));
    }
    Ok(Exercise {
        id,
        kind,
        title: fields.string("title")?,
        page: fields.string("page")?,
        minutes: fields.number("minutes")?,
        tests,
        hints,
    })
}

/// Typed access to a table's fields, with errors that say where.
struct Fields<'a> {
    table: &'a toml::Table,
    place: &'a str,
}

impl<'a> Fields<'a> {
    fn new(table: &'a toml::Table, place: &'a str) -> Self {
        Fields { table, place }
    }

    fn get(&self, key: &str) -> Result<&'a toml::Value, String> {
        self.table
            .get(key)
            .ok_or_else(|| format!("{}: `{key}` is missing", self.place))
    }

    fn wrong(&self, key: &str, wanted: &str) -> String {
        format!("{}: `{key}` should be {wanted}", self.place)
    }

    fn string(&self, key: &str) -> Result<String, String> {
        self.get(key)?
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| self.wrong(key, "a string"))
    }

    fn number(&self, key: &str) -> Result<u32, String> {
        self.get(key)?
            .as_integer()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| self.wrong(key, "a whole number, 0 or more"))
    }

    fn strings(&self, key: &str) -> Result<Vec<String>, String> {
        let items = self
            .get(key)?
            .as_array()
            .ok_or_else(|| self.wrong(key, "a list of strings"))?;
        items
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| self.wrong(key, "a list of strings"))
            })
            .collect()
    }

    fn tables(&self, key: &str) -> Result<Vec<&'a toml::Table>, String> {
        let items = self
            .get(key)?
            .as_array()
            .ok_or_else(|| self.wrong(key, "a list of tables ([[...]])"))?;
        items
            .iter()
            .map(|v| {
                v.as_table()
                    .ok_or_else(|| self.wrong(key, "a list of tables ([[...]])"))
            })
            .collect()
    }

    fn optional_tables(&self, key: &str) -> Result<Vec<&'a toml::Table>, String> {
        if self.table.contains_key(key) {
            self.tables(key)
        } else {
            Ok(Vec::new())
        }
    }
}

/// Where a path the compiler or a panic names is, to a learner:
/// `crates/ch01-yield/src/../../../exercises/ch01_yield/hello.rs` is
/// `exercises/ch01_yield/hello.rs`.
pub fn learner_path(file: &str) -> &str {
    ["exercises/", "solutions/"]
        .iter()
        .filter_map(|folder| file.find(folder).map(|at| &file[at..]))
        .next()
        .unwrap_or(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Chapter 0 to read, and chapter 1 with the exercise `hello`.
    const GOOD: &str = include_str!("../tests/samples/tiny.toml");

    fn parse(text: &str) -> Result<Workbook, Error> {
        Workbook::parse(Path::new("/wb"), Path::new("/wb/workbook.toml"), text)
    }

    #[test]
    fn derives_every_place_from_number_and_slug() {
        let wb = parse(GOOD).unwrap();
        let (chapter, exercise) = wb.exercise("hello").unwrap();
        assert_eq!(chapter.crate_name(), "ch01-yield");
        assert_eq!(chapter.folder_name(), "ch01_yield");
        assert_eq!(
            chapter.exercise_file(&wb.root, exercise),
            Path::new("/wb/exercises/ch01_yield/hello.rs")
        );
        assert_eq!(
            chapter.solution_file(&wb.root, exercise),
            Path::new("/wb/solutions/ch01_yield/hello.rs")
        );
        assert_eq!(
            chapter.stub_file(&wb.root, exercise),
            Path::new("/wb/stubs/ch01_yield/hello.rs")
        );
        assert_eq!(
            chapter.page_file(&wb.root, exercise),
            Path::new("/wb/book/src/ch01-yield/generators.md")
        );
        assert!(!wb.chapter("0").unwrap().has_crate());
        for name in ["1", "01", "ch01", "yield", "ch01-yield"] {
            assert_eq!(wb.chapter(name).unwrap().number, 1, "{name}");
        }
        assert!(wb.chapter("7").is_none());
    }

    #[test]
    fn a_syntax_error_names_its_line() {
        let broken = GOOD.replace("minutes = 5\ntests", "minutes = = 5\ntests");
        let e = parse(&broken).unwrap_err();
        assert!(e.message.starts_with("line 20: extra `=`"), "{e}");
    }

    #[test]
    fn a_missing_field_names_the_exercise() {
        let e = parse(&GOOD.replace("page = \"generators.md\"\n", "")).unwrap_err();
        assert_eq!(
            e.message,
            "exercise `hello` of chapter 1: `page` is missing"
        );
    }

    #[test]
    fn too_few_hints_and_bad_kinds_are_refused() {
        let e = parse(&GOOD.replace("[\"one\", \"two\"]", "[\"one\"]")).unwrap_err();
        assert!(e.message.contains("at least two hints"), "{e}");
        let e = parse(&GOOD.replace("\"implement\"", "\"guess\"")).unwrap_err();
        assert!(
            e.message.contains("not one of implement, predict, fix"),
            "{e}"
        );
    }

    #[test]
    fn a_snapshot_body_follows_exactly_four_header_lines() {
        let snap = "---\nsource: a.rs\ndescription: \"x\"\n---\nline 1\nline 2\n";
        assert_eq!(snapshot_body(snap), Some("line 1\nline 2\n"));
        let with_expression = snap.replace("---\nline", "expression: t\n---\nline");
        assert_eq!(snapshot_body(&with_expression), None);
        assert_eq!(snapshot_body("line 1\n"), None);
    }

    #[test]
    fn figures_are_optional_and_checked() {
        let wb = parse(GOOD).unwrap();
        assert!(wb.chapters.iter().all(|c| c.figures.is_empty()));
        let with = GOOD.replace(
            "minutes = 10\n",
            "minutes = 10\nfigures = [\"hello\", \"ping_pong\"]\n",
        );
        let wb = parse(&with).unwrap();
        assert_eq!(wb.chapters[1].figures, ["hello", "ping_pong"]);
        let e = parse(&with.replace("\"ping_pong\"]", "\"../x\"]")).unwrap_err();
        assert!(
            e.message
                .contains("`figures`: \"../x\" should be a snapshot's name"),
            "{e}"
        );
        let e = parse(&with.replace("\"ping_pong\"]", "\"hello\"]")).unwrap_err();
        assert!(e.message.contains("figure `hello` is listed twice"), "{e}");
        let e = parse(&with.replace("[\"hello\", \"ping_pong\"]", "\"hello\"")).unwrap_err();
        assert!(
            e.message.contains("`figures` should be a list of strings"),
            "{e}"
        );
    }

    #[test]
    fn ids_are_unique() {
        let twice = format!(
            "{GOOD}{}",
            &GOOD[GOOD.find("[[chapters.exercises]]").unwrap()..]
        );
        let e = parse(&twice).unwrap_err();
        assert_eq!(e.message, "exercise id `hello` is used twice");
    }
}
