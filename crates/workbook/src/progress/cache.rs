//! `.workbook/progress`: what the last run said about each exercise,
//! with the hashes it said it of. A cache: an unreadable one is rebuilt.

use std::collections::BTreeMap;
use std::path::Path;

use manifest::Workbook;

use super::state::State;

/// Where the results live, under the workbook's root.
pub const PROGRESS_FILE: &str = ".workbook/progress";
const FORMAT: &str = "wb-progress 1";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// What the last run said (never `NotYet`).
    pub state: State,
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
                [id, state, file, upstream] => State::from_stored(state)
                    .zip(hex(file).zip(hex(upstream)))
                    .map(|(state, (file, upstream))| {
                        (
                            id,
                            Entry {
                                state,
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
                e.state.stored(),
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
        let written = std::fs::write(&temporary, self.render())
            .and_then(|()| std::fs::rename(&temporary, &file));
        if written.is_err() {
            // A full disk, or a folder in the file's place: leave nothing behind.
            let _ = std::fs::remove_file(&temporary);
        }
        written
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_survives_a_round_trip() {
        let mut cache = Cache::default();
        for (id, state) in [("hello", State::Solved), ("lazy", State::NotChecked)] {
            cache.entries.insert(
                id.into(),
                Entry {
                    state,
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
}
