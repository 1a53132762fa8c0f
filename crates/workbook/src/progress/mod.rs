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
//!
//! The parts: [`state`] (the states, their marks and words), [`hash`]
//! (what a verdict depends on), [`cache`] (the file), [`run`] (a test
//! run, and how each exercise came out: [`build`] compiles, [`child`] runs
//! one test in a process of its own, `verdict` judges it), [`report`]
//! (where the learner is, from both).

mod build;
mod cache;
mod child;
mod hash;
mod report;
mod run;
mod state;

use manifest::{Chapter, Exercise, Workbook};

pub use cache::{Cache, PROGRESS_FILE};
/// FNV-1a of some bytes: stable across Rust versions and platforms.
pub use hash::hash as fnv;
pub use report::{Before, Report, Row, plural, record, refresh, require_files};
pub use run::{Files, Ran, Told, Variants, run_tests, run_tests_of, run_tests_with};
pub use state::State;

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
