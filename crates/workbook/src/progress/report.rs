//! Where a learner is with each exercise: what the cache says where it is
//! current, what one test run says of the rest; and what a run said,
//! remembered in the cache.

use std::collections::{BTreeSet, HashMap};

use anyhow::Result;
use manifest::{Chapter, Exercise, Workbook};

use super::Selection;
use super::cache::{Cache, Entry, PROGRESS_FILE};
use super::hash::{Keys, chapter_files, file_hash, hash};
use super::run::{Ran, run_tests};
use super::state::State;

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
                    let current = match entry.state {
                        State::NotChecked => Some(
                            *chapter_hashes
                                .entry(chapter.number)
                                .or_insert_with(|| chapter_files(root, chapter)),
                        ),
                        _ => file,
                    };
                    (Some(entry.file) == current && entry.upstream == upstream)
                        .then_some(entry.state)
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
            let state = done.state(wb, chapter, exercise);
            look.state = Some(state.unwrap_or(State::NotChecked));
            // Remember it only if the file is still what was tested: a
            // learner may save while cargo compiles.
            if let Some(state) = state {
                remember(
                    &mut cache,
                    root,
                    chapter,
                    exercise,
                    state,
                    look.file,
                    look.upstream,
                );
            }
        }
        // Cargo refused before compiling anything, and not for a compile
        // error (a broken Cargo.toml, say): say why, or "not checked" is a riddle.
        if looks.iter().any(|l| l.state == Some(State::NotChecked))
            && done.built.broken.is_empty()
            && done.built.binaries.is_empty()
        {
            eprintln!(
                "cargo did not build the tests:\n{}",
                done.refusal().trim_end()
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

/// Keep what a run said of an exercise, if its file is still the one
/// that was tested (`tested`: its hash before the run). The one writer of
/// cache entries.
fn remember(
    cache: &mut Cache,
    root: &std::path::Path,
    chapter: &Chapter,
    exercise: &Exercise,
    state: State,
    tested: Option<u64>,
    upstream: u64,
) {
    let now = file_hash(&chapter.exercise_file(root, exercise));
    let (Some(tested), true) = (tested, now == tested) else {
        return;
    };
    if state == State::NotYet {
        return;
    }
    // "Not checked" lasts while no file of the chapter changes.
    let file = if state == State::NotChecked {
        chapter_files(root, chapter)
    } else {
        tested
    };
    cache.entries.insert(
        exercise.id.clone(),
        Entry {
            state,
            file,
            upstream,
        },
    );
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
/// exercises whose files did not change meanwhile.
pub fn record(wb: &Workbook, selection: &Selection, before: &Before, ran: &Ran) {
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
            if let Some(state) = ran.state(wb, chapter, exercise) {
                let tested = before.files.get(&exercise.id).copied().flatten();
                let upstream = keys.upstream(chapter, exercise);
                remember(
                    &mut cache, &wb.root, chapter, exercise, state, tested, upstream,
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
