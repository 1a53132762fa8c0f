//! What a verdict depends on, as hashes: the learner's file, and
//! everything else (`upstream`), which only changes when the workbook is
//! updated (see the module above).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use manifest::{Chapter, Exercise, Workbook};

use crate::paths::files_under;

/// FNV-1a, 64 bits: stable across Rust versions and platforms (std's
/// `DefaultHasher` is not), and plenty to notice that a file changed.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(&mut self, bytes: &[u8]) -> &mut Fnv {
        // The length first, so that ("ab", "c") and ("a", "bc") differ.
        for b in (bytes.len() as u64).to_le_bytes().iter().chain(bytes) {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        self
    }

    fn u64(&mut self, n: u64) -> &mut Fnv {
        self.bytes(&n.to_le_bytes())
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub fn hash(bytes: &[u8]) -> u64 {
    Fnv::new().bytes(bytes).finish()
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
pub(super) struct Keys<'a> {
    wb: &'a Workbook,
    chapters: HashMap<u32, u64>,
}

impl<'a> Keys<'a> {
    pub(super) fn new(wb: &'a Workbook) -> Keys<'a> {
        Keys {
            wb,
            chapters: HashMap::new(),
        }
    }

    /// What the verdict on `exercise` depends on besides the learner's file.
    pub(super) fn upstream(&mut self, chapter: &Chapter, exercise: &Exercise) -> u64 {
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
pub(super) fn file_hash(path: &Path) -> Option<u64> {
    std::fs::read(path).ok().map(|bytes| hash(&bytes))
}

/// All the learner's files of a chapter: an exercise the chapter's
/// compile errors kept from running is blocked until one of them changes.
pub(super) fn chapter_files(root: &Path, chapter: &Chapter) -> u64 {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_stable_and_sees_boundaries() {
        // FNV-1a of the length and the bytes: fixed, whatever the Rust version.
        assert_eq!(hash(b"hello"), 0xff7a_61ff_1132_0f78);
        assert_eq!(hash(b"abc"), hash(b"abc"));
        assert_ne!(hash(b"abc"), hash(b"abd"));
        let split = |a: &[u8], b: &[u8]| Fnv::new().bytes(a).bytes(b).finish();
        assert_ne!(split(b"ab", b"c"), split(b"a", b"bc"));
    }
}
