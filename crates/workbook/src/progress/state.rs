//! Where a learner is with an exercise: the one set of states, marks and
//! words that `check`, `status`, `watch` and `grade` use, and that the
//! progress cache keeps.

use crate::style;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Solved,
    /// The file is as it came (never run: every original fails).
    NotYet,
    /// A test failed.
    Failing,
    /// Its file (or its tests, given its file) does not compile.
    Broken,
    /// Its tests could not run: another exercise of its chapter does not
    /// compile (in the cache, its `file` hash is then that of all the
    /// chapter's files).
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

    /// One character, coloured: ✓ solved, · not yet, ✗ failing or not
    /// compiling, ? not checked.
    pub fn mark(self) -> String {
        match self {
            State::Solved => style::green("✓"),
            State::NotYet => "·".to_string(),
            State::Failing | State::Broken => style::red("✗"),
            State::NotChecked => style::yellow("?"),
        }
    }

    /// As `.workbook/progress` writes it; `NotYet` is never written (it
    /// is seen from the file itself).
    pub(super) fn stored(self) -> &'static str {
        match self {
            State::Solved => "solved",
            State::Failing => "failing",
            State::Broken => "broken",
            State::NotChecked | State::NotYet => "blocked",
        }
    }

    pub(super) fn from_stored(word: &str) -> Option<State> {
        [
            State::Solved,
            State::Failing,
            State::Broken,
            State::NotChecked,
        ]
        .into_iter()
        .find(|s| s.stored() == word)
    }
}
