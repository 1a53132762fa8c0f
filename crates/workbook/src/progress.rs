//! What the tests said about each exercise, remembered so that `cargo wb`
//! can show a learner's progress without running anything that did not
//! change.
//!
//! Progress is never recorded by hand: it is what the last test run said,
//! kept in `.workbook/progress` (git ignores `.workbook/`) with two hashes
//! per exercise:
//!
//! - `file`: the learner's file;
//! - `upstream`: everything else the verdict depends on, which only changes
//!   when the workbook is updated: the exercise's entry in `workbook.toml`
//!   (its tests), its snapshots, the chapter crate (`Cargo.toml`, `src/`,
//!   `tests/`), every workbook crate it depends on (the harness, the loops),
//!   the workspace's `Cargo.toml` and `Cargo.lock`.
//!
//! An entry counts only while both hashes are those of the files on disk;
//! anything else is *stale* and runs again, all stale exercises in one
//! `cargo test`. An exercise whose file is byte for byte its original
//! (`stubs/`, see [`manifest::Chapter::stub_file`]) is "not yet" without a
//! run: `cargo wb verify` guarantees that every original fails its tests.
//!
//! The file is a cache: an unreadable one is rebuilt (with a note), and
//! results of exercises that `workbook.toml` no longer has are dropped
//! (with a note).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use anyhow::Result;
use manifest::{Chapter, Exercise, Workbook};

use crate::cargo::{self, EXERCISES, Outcome, Show, TestRun};

/// Where the results live, under the workbook's root.
pub const PROGRESS_FILE: &str = ".workbook/progress";
const FORMAT: &str = "wb-progress 1";

/// Chapters, each with the exercises chosen in it, in the manifest's order.
pub type Selection<'a> = Vec<(&'a Chapter, Vec<&'a Exercise>)>;

/// The whole workbook.
pub fn everything(wb: &Workbook) -> Selection<'_> {
    wb.chapters
        .iter()
        .filter(|c| c.has_crate())
        .map(|c| (c, c.exercises.iter().collect()))
        .collect()
}

// ---------------------------------------------------------------- hashing

/// FNV-1a, 64 bits: stable across Rust versions and platforms (std's
/// `DefaultHasher` is not), and plenty to notice that a file changed.
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Fnv {
    pub fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Fnv {
        // The length first, so that ("ab", "c") and ("a", "bc") differ.
        for b in (bytes.len() as u64).to_le_bytes().iter().chain(bytes) {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        self
    }

    pub fn u64(&mut self, n: u64) -> &mut Fnv {
        self.bytes(&n.to_le_bytes())
    }

    pub fn finish(&self) -> u64 {
        self.0
    }
}

pub fn hash(bytes: &[u8]) -> u64 {
    Fnv::new().bytes(bytes).finish()
}

/// Every file under `dir`, at any depth, sorted; none if it does not exist.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// Adds `file` (its path relative to `root`, and its content, or a marker
/// if it cannot be read) to `h`.
fn hash_file(h: &mut Fnv, root: &Path, file: &Path) {
    let name = file.strip_prefix(root).unwrap_or(file);
    h.bytes(name.to_string_lossy().replace('\\', "/").as_bytes());
    match std::fs::read(file) {
        Ok(bytes) => h.bytes(&bytes),
        Err(_) => h.bytes(b"\0missing\0"),
    };
}

/// The hashes an entry is checked against, computed once per command.
pub struct Keys<'a> {
    wb: &'a Workbook,
    chapters: HashMap<u32, u64>,
}

impl<'a> Keys<'a> {
    pub fn new(wb: &'a Workbook) -> Keys<'a> {
        Keys {
            wb,
            chapters: HashMap::new(),
        }
    }

    /// What the verdict on `exercise` depends on besides the learner's file.
    pub fn upstream(&mut self, chapter: &Chapter, exercise: &Exercise) -> u64 {
        let chapter_key = *self
            .chapters
            .entry(chapter.number)
            .or_insert_with(|| chapter_key(self.wb, chapter));
        let root = &self.wb.root;
        let mut h = Fnv::new();
        h.u64(chapter_key);
        for test in &exercise.tests {
            h.bytes(test.as_bytes());
        }
        // Its snapshots are named `<id>` or `<id>_<what>` (docs/authoring.md).
        // A longer id that starts the same (`countdown_async`) is included
        // too: that only costs a run, never a wrong verdict.
        for snap in files_under(&chapter.snapshot_dir(root)) {
            let stem = snap.file_stem().unwrap_or_default().to_string_lossy();
            let id = exercise.id.as_str();
            if stem == id || stem.starts_with(&format!("{id}_")) {
                hash_file(&mut h, root, &snap);
            }
        }
        h.finish()
    }
}

/// The learner's file, or `None` if it cannot be read.
pub fn file_hash(path: &Path) -> Option<u64> {
    std::fs::read(path).ok().map(|bytes| hash(&bytes))
}

/// All the learner's files of a chapter: an exercise the chapter's
/// compile errors kept from running is blocked until one of them changes.
fn chapter_files(root: &Path, chapter: &Chapter) -> u64 {
    let mut h = Fnv::new();
    for exercise in &chapter.exercises {
        hash_file(&mut h, root, &chapter.exercise_file(root, exercise));
    }
    h.finish()
}

/// The chapter crate (snapshots aside: they count per exercise), the
/// workbook crates it depends on, and the workspace's Cargo files.
fn chapter_key(wb: &Workbook, chapter: &Chapter) -> u64 {
    let root = &wb.root;
    let mut h = Fnv::new();
    for file in ["Cargo.toml", "Cargo.lock"] {
        hash_file(&mut h, root, &root.join(file));
    }
    let dir = chapter.crate_dir(root);
    hash_file(&mut h, root, &dir.join("Cargo.toml"));
    for sub in ["src", "tests", "build.rs"] {
        let path = dir.join(sub);
        if path.is_file() {
            hash_file(&mut h, root, &path);
        }
        for file in files_under(&path) {
            hash_file(&mut h, root, &file);
        }
    }
    for krate in local_dependencies(root, &dir) {
        hash_file(&mut h, root, &krate.join("Cargo.toml"));
        for file in files_under(&krate.join("src")) {
            hash_file(&mut h, root, &file);
        }
    }
    h.finish()
}

/// The folders of the path dependencies of the crate in `dir`, and of
/// theirs, through `workspace = true` too. Sorted, each once.
fn local_dependencies(root: &Path, dir: &Path) -> BTreeSet<PathBuf> {
    let workspace: Option<toml::Table> = std::fs::read_to_string(root.join("Cargo.toml"))
        .ok()
        .and_then(|t| t.parse().ok());
    let shared = workspace
        .as_ref()
        .and_then(|w| w.get("workspace")?.get("dependencies")?.as_table());
    let mut found = BTreeSet::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(krate) = todo.pop() {
        let Some(table) = std::fs::read_to_string(krate.join("Cargo.toml"))
            .ok()
            .and_then(|t| t.parse::<toml::Table>().ok())
        else {
            continue;
        };
        for section in ["dependencies", "dev-dependencies", "build-dependencies"] {
            let Some(deps) = table.get(section).and_then(|d| d.as_table()) else {
                continue;
            };
            for (name, spec) in deps {
                let own_path = spec.get("path").and_then(|p| p.as_str());
                let path = match own_path {
                    Some(p) => Some(krate.join(p)),
                    None if spec.get("workspace").and_then(|w| w.as_bool()) == Some(true) => shared
                        .and_then(|s| s.get(name)?.get("path")?.as_str())
                        .map(|p| root.join(p)),
                    None => None,
                };
                if let Some(path) = path {
                    let path = path.canonicalize().unwrap_or(path);
                    if found.insert(path.clone()) {
                        todo.push(path);
                    }
                }
            }
        }
    }
    found
}

// ------------------------------------------------------------ the cache

/// What the last run said about an exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Every test passed.
    Solved,
    /// A test failed.
    Failing,
    /// Its file (or its tests, given its file) does not compile.
    Broken,
    /// Another exercise of its chapter did not compile, so its tests could
    /// not run. Its `file` hash is then that of all the chapter's files.
    Blocked,
}

impl Verdict {
    fn as_str(self) -> &'static str {
        match self {
            Verdict::Solved => "solved",
            Verdict::Failing => "failing",
            Verdict::Broken => "broken",
            Verdict::Blocked => "blocked",
        }
    }

    fn parse(word: &str) -> Option<Verdict> {
        [
            Verdict::Solved,
            Verdict::Failing,
            Verdict::Broken,
            Verdict::Blocked,
        ]
        .into_iter()
        .find(|v| v.as_str() == word)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub verdict: Verdict,
    pub file: u64,
    pub upstream: u64,
}

/// `.workbook/progress`: one entry per exercise id.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Cache {
    pub entries: BTreeMap<String, Entry>,
}

impl Cache {
    /// The cache's text, or why it cannot be read (`line N: …`).
    pub fn parse(text: &str) -> Result<Cache, String> {
        let mut lines = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.trim()))
            .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'));
        match lines.next() {
            Some((_, FORMAT)) => {}
            Some((n, _)) => return Err(format!("line {n}: expected `{FORMAT}`")),
            None => return Err("it is empty".into()),
        }
        let mut entries = BTreeMap::new();
        for (n, line) in lines {
            let words: Vec<&str> = line.split_whitespace().collect();
            let hex = |w: &str| u64::from_str_radix(w, 16).ok();
            let entry = match words[..] {
                [id, verdict, file, upstream] => Verdict::parse(verdict)
                    .zip(hex(file).zip(hex(upstream)))
                    .map(|(verdict, (file, upstream))| {
                        (
                            id,
                            Entry {
                                verdict,
                                file,
                                upstream,
                            },
                        )
                    }),
                _ => None,
            };
            let Some((id, entry)) = entry else {
                return Err(format!(
                    "line {n}: expected `ID VERDICT FILE-HASH UPSTREAM-HASH`"
                ));
            };
            entries.insert(id.to_string(), entry);
        }
        Ok(Cache { entries })
    }

    pub fn render(&self) -> String {
        let mut text = String::from(
            "# cargo wb: what the tests last said about each exercise, with hashes of its file\n\
             # and of its tests. A cache: delete it and `cargo wb status` runs the tests again.\n",
        );
        text.push_str(FORMAT);
        text.push('\n');
        for (id, e) in &self.entries {
            text.push_str(&format!(
                "{id} {} {:016x} {:016x}\n",
                e.verdict.as_str(),
                e.file,
                e.upstream
            ));
        }
        text
    }

    /// The cache of the workbook at `root`, and notes for the learner
    /// (an unreadable cache is rebuilt, never an error).
    pub fn load(root: &Path) -> (Cache, Vec<String>) {
        let file = root.join(PROGRESS_FILE);
        let text = match std::fs::read(&file) {
            Err(_) => return (Cache::default(), Vec::new()), // first run
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| "it is not text".to_string()),
        };
        match text.and_then(|t| Cache::parse(&t)) {
            Ok(cache) => (cache, Vec::new()),
            Err(why) => (
                Cache::default(),
                vec![format!(
                    "{PROGRESS_FILE} could not be read ({why}), so it is rebuilt from the tests"
                )],
            ),
        }
    }

    /// Written to a temporary file and renamed, so that a command stopped
    /// half-way (Ctrl-C in `watch`) never leaves half a file.
    pub fn save(&self, root: &Path) -> std::io::Result<()> {
        let file = root.join(PROGRESS_FILE);
        std::fs::create_dir_all(file.parent().expect("in .workbook/"))?;
        let temporary = file.with_extension(format!("tmp{}", std::process::id()));
        std::fs::write(&temporary, self.render())?;
        std::fs::rename(&temporary, &file)
    }

    /// Drop the results of exercises `workbook.toml` no longer has.
    pub fn forget_unknown(&mut self, wb: &Workbook) -> Vec<String> {
        let gone: Vec<String> = self
            .entries
            .keys()
            .filter(|id| wb.exercise(id).is_none())
            .cloned()
            .collect();
        gone.iter()
            .map(|id| {
                self.entries.remove(id);
                format!(
                    "forgot the result of exercise `{id}`: workbook.toml no longer has it (renamed or removed upstream)"
                )
            })
            .collect()
    }
}

// --------------------------------------------------------- running tests

/// How an exercise's tests came out in one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tested {
    Passed,
    Failed,
    /// Its chapter's crate did not compile.
    DidNotCompile,
    /// Its tests were not in the run (or were ignored).
    NotRun,
}

/// The result of [`run_tests`]: cargo's runs (one, or more when a chapter
/// did not compile and the others ran again without it).
pub struct Ran {
    pub runs: Vec<TestRun>,
    /// Crates (`ch01-yield`) that did not compile.
    pub broken: BTreeSet<String>,
    /// Where compile errors point (`--> path:line:col`).
    pub error_files: Vec<(String, usize)>,
}

impl Ran {
    fn outcome(&self, test: &str) -> Option<Outcome> {
        self.runs
            .iter()
            .find_map(|run| run.outcome(test, EXERCISES))
            .map(|r| r.outcome)
    }

    pub fn tested(&self, chapter: &Chapter, exercise: &Exercise) -> Tested {
        let outcomes: Vec<Option<Outcome>> =
            exercise.tests.iter().map(|t| self.outcome(t)).collect();
        if outcomes.contains(&Some(Outcome::Failed)) {
            Tested::Failed
        } else if outcomes.iter().all(|o| *o == Some(Outcome::Passed)) {
            Tested::Passed
        } else if self.broken.contains(&chapter.crate_name()) {
            Tested::DidNotCompile
        } else {
            Tested::NotRun
        }
    }

    /// What its failing tests printed (the diff, the panic), one after the other.
    pub fn failures(&self, exercise: &Exercise) -> String {
        let mut text = String::new();
        for test in &exercise.tests {
            if let Some(r) = self
                .runs
                .iter()
                .find_map(|run| run.outcome(test, EXERCISES))
                .filter(|r| r.outcome == Outcome::Failed)
            {
                text.push_str(&format!("---- {test} ----\n{}\n", r.output));
            }
        }
        text
    }

    /// The compiler's complaints, from every run that had some.
    pub fn errors(&self) -> String {
        self.runs
            .iter()
            .filter(|run| run.did_not_compile())
            .map(TestRun::errors)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Whether a compile error points at the exercise's file, or at its
    /// `mod <id>` in the chapter's tests/exercises.rs (where a changed
    /// signature shows).
    pub fn blames(&self, wb: &Workbook, chapter: &Chapter, exercise: &Exercise) -> bool {
        let file = chapter.exercise_path_for_humans(exercise);
        let tests = format!("crates/{}/tests/exercises.rs", chapter.crate_name());
        let tests_text =
            std::fs::read_to_string(chapter.crate_dir(&wb.root).join("tests/exercises.rs"))
                .unwrap_or_default();
        self.error_files.iter().any(|(path, line)| {
            path.ends_with(&file)
                || (path.ends_with(&tests)
                    && module_at(&tests_text, *line) == Some(exercise.id.as_str()))
        })
    }
}

/// The top-level `mod NAME` that holds line `line` (1-based) of a file.
fn module_at(text: &str, line: usize) -> Option<&str> {
    text.lines()
        .take(line)
        .filter_map(|l| l.strip_prefix("mod ")?.split([' ', '{']).next())
        .last()
}

/// `cargo test --test exercises` for the selection, captured. Only the
/// selected exercises' tests run, unless whole chapters are selected. A
/// chapter that does not compile stops cargo before any test runs, so the
/// others run again without it: one learner's broken chapter never hides
/// the results of the rest.
pub fn run_tests(wb: &Workbook, selection: &Selection) -> Result<Ran> {
    let mut ran = Ran {
        runs: Vec::new(),
        broken: BTreeSet::new(),
        error_files: Vec::new(),
    };
    let mut chapters: Vec<&(&Chapter, Vec<&Exercise>)> = selection
        .iter()
        .filter(|(_, exercises)| !exercises.is_empty())
        .collect();
    while !chapters.is_empty() {
        let args = test_args(&chapters);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = cargo::test(&wb.root, &args, Show::Capture)?;
        let newly_broken: Vec<String> = could_not_compile(&run.output)
            .into_iter()
            .filter(|name| chapters.iter().any(|(c, _)| c.crate_name() == *name))
            .collect();
        ran.error_files.extend(error_files(&run.output));
        ran.runs.push(run);
        if newly_broken.is_empty() {
            break;
        }
        ran.broken.extend(newly_broken);
        // Again, for the chapters that compiled but had no turn to run.
        chapters.retain(|(c, exercises)| {
            !ran.broken.contains(&c.crate_name())
                && exercises.iter().all(|e| {
                    e.tests
                        .iter()
                        .all(|t| ran.runs.iter().all(|r| r.outcome(t, EXERCISES).is_none()))
                })
        });
    }
    Ok(ran)
}

/// `-p ch01-yield … --test exercises --no-fail-fast [-- --exact TESTS…]`
pub fn test_args(chapters: &[&(&Chapter, Vec<&Exercise>)]) -> Vec<String> {
    let mut args = Vec::new();
    for (chapter, _) in chapters {
        args.extend(["-p".to_string(), chapter.crate_name()]);
    }
    args.extend(["--test", "exercises", "--no-fail-fast"].map(String::from));
    let whole = chapters
        .iter()
        .all(|(c, exercises)| exercises.len() == c.exercises.len());
    if !whole {
        args.extend(["--".to_string(), "--exact".to_string()]);
        for (_, exercises) in chapters {
            for e in exercises {
                args.extend(e.tests.iter().cloned());
            }
        }
    }
    args
}

/// The crates cargo names in `error: could not compile `NAME` (…)`.
fn could_not_compile(output: &str) -> Vec<String> {
    output
        .lines()
        .filter_map(|l| l.trim().strip_prefix("error: could not compile `"))
        .filter_map(|rest| rest.split('`').next())
        .map(str::to_string)
        .collect()
}

/// Where compile *errors* (not warnings) point: file and line.
fn error_files(output: &str) -> Vec<(String, usize)> {
    let mut files = Vec::new();
    let mut in_error = false;
    for line in output.lines() {
        if line.starts_with("error") {
            in_error = true;
        } else if line.starts_with("warning") {
            in_error = false;
        } else if in_error && let Some(at) = line.trim_start().strip_prefix("--> ") {
            let mut parts = at.split(':');
            let path = parts.next().unwrap_or(at).replace('\\', "/");
            let line = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            files.push((path, line));
        }
    }
    files
}

// ------------------------------------------------------------- progress

/// Where a learner is with an exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Solved,
    /// The file is as it came.
    NotYet,
    Failing,
    /// Its file does not compile.
    Broken,
    /// Its tests could not run (another file of the chapter does not compile).
    NotChecked,
}

impl State {
    pub fn words(self) -> &'static str {
        match self {
            State::Solved => "solved",
            State::NotYet => "not yet",
            State::Failing => "failing",
            State::Broken => "does not compile",
            State::NotChecked => "not checked",
        }
    }
}

pub struct Row<'a> {
    pub chapter: &'a Chapter,
    pub exercise: &'a Exercise,
    pub state: State,
    /// Whether this command ran its tests (rather than reading the cache).
    pub fresh: bool,
}

/// What [`refresh`] found.
pub struct Report<'a> {
    pub rows: Vec<Row<'a>>,
    /// The run, if anything had to run.
    pub ran: Option<Ran>,
}

impl<'a> Report<'a> {
    /// The first exercise not solved, in the manifest's order.
    pub fn next(&self) -> Option<&Row<'a>> {
        self.rows.iter().find(|r| r.state != State::Solved)
    }
}

/// A manifest entry whose file is missing: a one-line error.
pub fn require_files(wb: &Workbook, selection: &Selection) -> Result<()> {
    for (chapter, exercises) in selection {
        for exercise in exercises {
            if !chapter.exercise_file(&wb.root, exercise).is_file() {
                let file = chapter.exercise_path_for_humans(exercise);
                let id = &exercise.id;
                let fix = if chapter.stub_file(&wb.root, exercise).is_file() {
                    format!("`cargo wb reset {id}` puts the original back")
                } else {
                    "workbook.toml and the files disagree (`cargo wb verify --only manifest`)"
                        .to_string()
                };
                anyhow::bail!(
                    "{file} is missing: workbook.toml names it as the file of exercise `{id}`; {fix}"
                );
            }
        }
    }
    Ok(())
}

/// Each selected exercise's state: from the cache where it is current,
/// from one test run for the rest (and for `force`d ones, unless they are
/// as they came). The cache is updated.
pub fn refresh<'a>(
    wb: &'a Workbook,
    selection: &Selection<'a>,
    force: &[&str],
) -> Result<Report<'a>> {
    require_files(wb, selection)?;
    let root = &wb.root;
    let (mut cache, mut notes) = Cache::load(root);
    notes.extend(cache.forget_unknown(wb));
    let before = cache.clone();
    let mut keys = Keys::new(wb);
    let mut chapter_hashes: HashMap<u32, u64> = HashMap::new();

    struct Look<'a> {
        chapter: &'a Chapter,
        exercise: &'a Exercise,
        file: Option<u64>,
        upstream: u64,
        state: Option<State>,
    }
    let mut looks = Vec::new();
    for (chapter, exercises) in selection {
        for exercise in exercises {
            let path = chapter.exercise_file(root, exercise);
            let bytes = std::fs::read(&path).ok();
            let untouched =
                bytes.is_some() && std::fs::read(chapter.stub_file(root, exercise)).ok() == bytes;
            let file = bytes.as_deref().map(hash);
            let upstream = keys.upstream(chapter, exercise);
            let state = if untouched {
                Some(State::NotYet)
            } else if force.contains(&exercise.id.as_str()) {
                None
            } else {
                cache.entries.get(&exercise.id).and_then(|entry| {
                    let current = match entry.verdict {
                        Verdict::Blocked => Some(
                            *chapter_hashes
                                .entry(chapter.number)
                                .or_insert_with(|| chapter_files(root, chapter)),
                        ),
                        _ => file,
                    };
                    (Some(entry.file) == current && entry.upstream == upstream)
                        .then(|| state_of(entry.verdict))
                })
            };
            looks.push(Look {
                chapter,
                exercise,
                file,
                upstream,
                state,
            });
        }
    }

    let stale: Selection = selection
        .iter()
        .map(|(c, _)| {
            let exercises = looks
                .iter()
                .filter(|l| l.chapter.number == c.number && l.state.is_none())
                .map(|l| l.exercise)
                .collect::<Vec<_>>();
            (*c, exercises)
        })
        .filter(|(_, e)| !e.is_empty())
        .collect();
    for note in &notes {
        eprintln!("note: {note}");
    }
    let mut ran = None;
    if !stale.is_empty() {
        let ids: Vec<&str> = stale
            .iter()
            .flat_map(|(_, e)| e.iter().map(|e| e.id.as_str()))
            .collect();
        eprintln!(
            "Checking {}: {}",
            plural(ids.len(), "changed exercise", "changed exercises"),
            ids.join(", ")
        );
        let done = run_tests(wb, &stale)?;
        for look in looks.iter_mut().filter(|l| l.state.is_none()) {
            let (chapter, exercise) = (look.chapter, look.exercise);
            let verdict = match done.tested(chapter, exercise) {
                Tested::Passed => Some(Verdict::Solved),
                Tested::Failed => Some(Verdict::Failing),
                Tested::DidNotCompile => {
                    // Blame the files the errors point at; if they point at
                    // none of the changed files (an error in the tests,
                    // say, after a signature changed), the changed ones.
                    let named_any = stale
                        .iter()
                        .filter(|(c, _)| c.number == chapter.number)
                        .flat_map(|(c, es)| es.iter().map(move |e| (c, e)))
                        .any(|(c, e)| done.blames(wb, c, e));
                    if done.blames(wb, chapter, exercise) || !named_any {
                        Some(Verdict::Broken)
                    } else {
                        Some(Verdict::Blocked)
                    }
                }
                Tested::NotRun => None,
            };
            look.state = Some(verdict.map_or(State::NotChecked, state_of));
            // Remember it only if the file is still what was tested: a
            // learner may save while cargo compiles.
            let path = chapter.exercise_file(root, exercise);
            if let Some(verdict) = verdict
                && file_hash(&path) == look.file
                && let Some(file) = look.file
            {
                let file = if verdict == Verdict::Blocked {
                    chapter_files(root, chapter)
                } else {
                    file
                };
                cache.entries.insert(
                    exercise.id.clone(),
                    Entry {
                        verdict,
                        file,
                        upstream: look.upstream,
                    },
                );
            }
        }
        // Cargo refused before any test ran, and not for a compile error
        // (a broken Cargo.toml, say): say why, or "not checked" is a riddle.
        if looks.iter().any(|l| l.state == Some(State::NotChecked))
            && done.broken.is_empty()
            && done.runs.iter().all(|r| !r.success && r.results.is_empty())
        {
            let said: Vec<String> = done.runs.iter().map(TestRun::errors).collect();
            eprintln!(
                "cargo test did not run the tests:\n{}",
                said.join("\n").trim_end()
            );
        }
        ran = Some(done);
    }
    if (cache != before || !notes.is_empty())
        && let Err(e) = cache.save(root)
    {
        eprintln!(
            "note: could not save {PROGRESS_FILE}: {e}; the next command runs these tests again"
        );
    }
    let fresh_ids: BTreeSet<&str> = stale
        .iter()
        .flat_map(|(_, e)| e.iter().map(|e| e.id.as_str()))
        .collect();
    let rows = looks
        .into_iter()
        .map(|l| Row {
            chapter: l.chapter,
            exercise: l.exercise,
            state: l.state.unwrap_or(State::NotChecked),
            fresh: fresh_ids.contains(l.exercise.id.as_str()),
        })
        .collect();
    Ok(Report { rows, ran })
}

fn state_of(verdict: Verdict) -> State {
    match verdict {
        Verdict::Solved => State::Solved,
        Verdict::Failing => State::Failing,
        Verdict::Broken => State::Broken,
        Verdict::Blocked => State::NotChecked,
    }
}

/// Hashes of the selection's files, taken before a run, so that results
/// are only remembered for files that did not change during it.
pub struct Before {
    files: HashMap<String, Option<u64>>,
}

impl Before {
    pub fn take(wb: &Workbook, selection: &Selection) -> Before {
        let files = selection
            .iter()
            .flat_map(|(c, es)| es.iter().map(move |e| (c, e)))
            .map(|(c, e)| (e.id.clone(), file_hash(&c.exercise_file(&wb.root, e))))
            .collect();
        Before { files }
    }
}

/// Remember what a run (`cargo wb check`, `cargo wb grade`) said, for the
/// exercises with a clear result whose files did not change meanwhile.
pub fn record(
    wb: &Workbook,
    selection: &Selection,
    before: &Before,
    tested: impl Fn(&Chapter, &Exercise) -> Tested,
) {
    let (mut cache, notes) = Cache::load(&wb.root);
    for note in notes {
        eprintln!("note: {note}");
    }
    for note in cache.forget_unknown(wb) {
        eprintln!("note: {note}");
    }
    let mut keys = Keys::new(wb);
    for (chapter, exercises) in selection {
        for exercise in exercises {
            let verdict = match tested(chapter, exercise) {
                Tested::Passed => Verdict::Solved,
                Tested::Failed => Verdict::Failing,
                _ => continue,
            };
            let now = file_hash(&chapter.exercise_file(&wb.root, exercise));
            if let (Some(Some(was)), Some(now)) = (before.files.get(&exercise.id), now)
                && *was == now
            {
                cache.entries.insert(
                    exercise.id.clone(),
                    Entry {
                        verdict,
                        file: now,
                        upstream: keys.upstream(chapter, exercise),
                    },
                );
            }
        }
    }
    if let Err(e) = cache.save(&wb.root) {
        eprintln!("note: could not save {PROGRESS_FILE}: {e}");
    }
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_survives_a_round_trip() {
        let mut cache = Cache::default();
        for (id, verdict) in [("hello", Verdict::Solved), ("lazy", Verdict::Blocked)] {
            cache.entries.insert(
                id.into(),
                Entry {
                    verdict,
                    file: 0xdead_beef,
                    upstream: u64::MAX,
                },
            );
        }
        assert_eq!(Cache::parse(&cache.render()), Ok(cache));
    }

    #[test]
    fn a_damaged_cache_says_where() {
        let good = Cache::default().render();
        assert_eq!(
            Cache::parse(&format!("{good}hello solved 12\n")),
            Err("line 4: expected `ID VERDICT FILE-HASH UPSTREAM-HASH`".into())
        );
        assert_eq!(
            Cache::parse(&format!("{good}hello maybe 1 2\n")).unwrap_err(),
            "line 4: expected `ID VERDICT FILE-HASH UPSTREAM-HASH`"
        );
        assert_eq!(
            Cache::parse("wb-progress 0\n").unwrap_err(),
            "line 1: expected `wb-progress 1`"
        );
        assert_eq!(Cache::parse("").unwrap_err(), "it is empty");
    }

    #[test]
    fn the_hash_is_stable_and_sees_boundaries() {
        // FNV-1a of the length and the bytes: fixed, whatever the Rust version.
        assert_eq!(hash(b"hello"), 0xff7a_61ff_1132_0f78);
        assert_eq!(hash(b"abc"), hash(b"abc"));
        assert_ne!(hash(b"abc"), hash(b"abd"));
        let split = |a: &[u8], b: &[u8]| Fnv::new().bytes(a).bytes(b).finish();
        assert_ne!(split(b"ab", b"c"), split(b"a", b"bc"));
    }

    #[test]
    fn compile_errors_name_their_files_and_crates() {
        let output = "\
warning: function `helloX` should have a snake case name
 --> crates/ch01-yield/src/../../../exercises/ch01_yield/hello.rs:9:8
error[E0432]: unresolved import `ch01_yield::hello::hello`
 --> crates/ch01-yield/tests/exercises.rs:6:9
error[E0308]: mismatched types
  --> crates/ch01-yield/src/../../../exercises/ch01_yield/lazy.rs:3:1
error: could not compile `ch01-yield` (test \"exercises\") due to 2 previous errors
";
        assert_eq!(
            error_files(output),
            [
                ("crates/ch01-yield/tests/exercises.rs".to_string(), 6),
                (
                    "crates/ch01-yield/src/../../../exercises/ch01_yield/lazy.rs".to_string(),
                    3
                )
            ]
        );
        let tests = "//! doc\n\nmod hello {\n    use x;\n}\n\nmod lazy {\n    fn t() {}\n}\n";
        assert_eq!(module_at(tests, 1), None);
        assert_eq!(module_at(tests, 4), Some("hello"));
        assert_eq!(module_at(tests, 8), Some("lazy"));
        assert_eq!(could_not_compile(output), ["ch01-yield"]);
    }
}
