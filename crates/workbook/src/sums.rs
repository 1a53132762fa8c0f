//! `workbook.sums`: a checksum of every distributed file that can decide a
//! result, so that a copy of the workbook can say when it is not the one
//! that was given out, whatever its owner committed since.
//!
//! The files: `workbook.toml`, the workspace's `Cargo.toml`, `Cargo.lock`
//! and `.cargo/config.toml`, the originals in `stubs/`, and every file
//! under `crates/` (the chapters' tests, snapshots and build files, the
//! harness, the loops, `cargo wb` itself) but the Python twins, which
//! decide nothing. Not the learner's `exercises/`, not `solutions/`, not
//! the book, not `assignments/` (an instructor adds those).
//!
//! `cargo wb bless` writes the file (`bless --checksums` only that), and
//! `verify` fails when it is stale. `check`, `status`, `doctor` and `grade`
//! compare the copy with it. It is no lock: whoever can change the files
//! can change this one too. It tells a learner's accident, or a grade
//! taken in a copy that was changed, from the real thing; a grade to
//! trust is taken with `grade --submission`, in the instructor's copy.

use std::collections::BTreeMap;
use std::path::Path;

use crate::paths::{files_under_but, rel};
use crate::progress::fnv;

pub const FILE: &str = "workbook.sums";
const FORMAT: &str = "wb-sums 1";

/// The files that decide results, by path relative to the root, sorted.
fn guarded(root: &Path) -> Vec<String> {
    let mut files: Vec<String> = [
        "workbook.toml",
        "Cargo.toml",
        "Cargo.lock",
        ".cargo/config.toml",
    ]
    .iter()
    .filter(|f| root.join(f).is_file())
    .map(|f| f.to_string())
    .collect();
    let crates = root.join("crates");
    let skip = |path: &Path| {
        let name = path.file_name().unwrap_or_default();
        name == "target"
            || (name == "python" && path.parent().and_then(Path::parent) == Some(&crates))
    };
    for top in ["crates", "stubs"] {
        files.extend(
            files_under_but(&root.join(top), skip)
                .iter()
                .map(|p| rel(root, p)),
        );
    }
    files.sort();
    files
}

/// The checksums of the copy as it is.
fn current(root: &Path) -> BTreeMap<String, u64> {
    guarded(root)
        .into_iter()
        .filter_map(|f| {
            std::fs::read(root.join(&f))
                .ok()
                .map(|bytes| (f, fnv(&bytes)))
        })
        .collect()
}

/// `workbook.sums` as the copy is now.
pub fn render(root: &Path) -> String {
    let mut out = format!("{FORMAT}\n");
    for (file, sum) in current(root) {
        out.push_str(&format!("{sum:016x} {file}\n"));
    }
    out
}

/// Write `workbook.sums` for the copy as it is now.
pub fn write(root: &Path) -> std::io::Result<()> {
    std::fs::write(root.join(FILE), render(root))
}

/// How a file differs from what was given out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub file: String,
    pub how: &'static str,
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.file, self.how)
    }
}

/// The files that differ from `workbook.sums`: changed, added or deleted;
/// `None` when the copy has no such file (a workbook made before it).
pub fn differences(root: &Path) -> Option<Vec<Difference>> {
    let text = std::fs::read_to_string(root.join(FILE)).ok()?;
    let mut lines = text.lines();
    let recorded: Option<BTreeMap<String, u64>> = (lines.next() == Some(FORMAT)).then(|| {
        lines
            .filter_map(|l| {
                let (sum, file) = l.split_once(' ')?;
                Some((file.to_string(), u64::from_str_radix(sum, 16).ok()?))
            })
            .collect()
    });
    let Some(recorded) = recorded else {
        return Some(vec![Difference {
            file: FILE.to_string(),
            how: "not a list of checksums",
        }]);
    };
    let now = current(root);
    let mut found = Vec::new();
    for (file, sum) in &recorded {
        match now.get(file) {
            None => found.push(Difference {
                file: file.clone(),
                how: "deleted",
            }),
            Some(s) if s != sum => found.push(Difference {
                file: file.clone(),
                how: "changed",
            }),
            Some(_) => {}
        }
    }
    for file in now.keys().filter(|f| !recorded.contains_key(*f)) {
        found.push(Difference {
            file: file.clone(),
            how: "added",
        });
    }
    found.sort_by(|a, b| a.file.cmp(&b.file));
    Some(found)
}

/// One line for `check` and `status`, if the copy is not as given out.
pub fn note(root: &Path) -> Option<String> {
    let found = differences(root)?;
    let first = found.first()?;
    let more = match found.len() {
        1 => String::new(),
        n => format!(" and {} more", n - 1),
    };
    Some(format!(
        "note: {first}{more} is not as the workbook was given out ({FILE}), so results here may not be the workbook's; `cargo wb doctor` says how to put it back"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_an_addition_and_a_deletion_are_each_named() {
        let root = std::env::temp_dir().join(format!("wb-sums-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for (file, text) in [
            ("workbook.toml", "x"),
            ("crates/ch01-yield/tests/exercises.rs", "tests"),
            ("crates/ch01-yield/python/hello.py", "print()"),
            ("crates/ch01-yield/snapshots/hello.snap", "key"),
            ("exercises/ch01_yield/hello.rs", "mine"),
        ] {
            std::fs::create_dir_all(root.join(file).parent().unwrap()).unwrap();
            std::fs::write(root.join(file), text).unwrap();
        }
        assert_eq!(differences(&root), None, "no sums yet: nothing to say");
        write(&root).unwrap();
        assert_eq!(differences(&root), Some(Vec::new()));
        // Neither the learner's file nor a Python twin is guarded.
        std::fs::write(root.join("exercises/ch01_yield/hello.rs"), "mine, changed").unwrap();
        std::fs::write(root.join("crates/ch01-yield/python/hello.py"), "print(1)").unwrap();
        assert_eq!(differences(&root), Some(Vec::new()));
        std::fs::write(root.join("crates/ch01-yield/snapshots/hello.snap"), "mine").unwrap();
        std::fs::write(root.join("crates/ch01-yield/build.rs"), "fn main() {}").unwrap();
        std::fs::remove_file(root.join("workbook.toml")).unwrap();
        let shown: Vec<String> = differences(&root)
            .unwrap()
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(
            shown,
            [
                "crates/ch01-yield/build.rs (added)",
                "crates/ch01-yield/snapshots/hello.snap (changed)",
                "workbook.toml (deleted)"
            ]
        );
        assert!(
            note(&root)
                .unwrap()
                .starts_with("note: crates/ch01-yield/build.rs (added) and 2 more is not as")
        );
        std::fs::remove_dir_all(&root).unwrap();
    }
}
