//! Where a learner is with each exercise: what the cache says where it is
//! current, what one test run says of the rest; and what a run said,
//! remembered in the cache.

use std::collections::{BTreeSet, HashMap};

use anyhow::Result;
use manifest::{Chapter, Exercise, Workbook};

use super::Selection;
use super::cache::{Cache, Entry, PROGRESS_FILE, Verdict};
use super::hash::{Keys, chapter_files, file_hash, hash};
use super::run::{Ran, Tested, run_tests};
use crate::cargo::TestRun;

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
            let verdict = verdict(wb, &done, &stale, chapter, exercise);
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

/// What the run of the `stale` exercises says of one of them; `None` if
/// its tests did not run.
fn verdict(
    wb: &Workbook,
    done: &Ran,
    stale: &Selection,
    chapter: &Chapter,
    exercise: &Exercise,
) -> Option<Verdict> {
    match done.tested(chapter, exercise) {
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
    }
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
