//! The workbook's files and folders: finding them, and showing them.

use std::path::{Path, PathBuf};

/// `path` relative to the root, with `/`, as a learner would type it.
pub fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// What `dir` holds, sorted; nothing if it cannot be read.
pub fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .collect();
    found.sort();
    found
}

/// The folders in `dir`, sorted.
pub fn subfolders(dir: &Path) -> Vec<PathBuf> {
    entries(dir).into_iter().filter(|p| p.is_dir()).collect()
}

/// Every file under `dir`, at any depth, sorted; none if it does not exist.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    files_under_but(dir, |_| false)
}

/// Every file under `dir`, sorted, but in the folders and files `skip`
/// says yes to (which are not even read: a `target/` may be huge).
pub fn files_under_but(dir: &Path, skip: impl Fn(&Path) -> bool + Copy) -> Vec<PathBuf> {
    // Paths sort by component, so a folder's files sort where the folder
    // does: each folder's entries in order, each folder in its turn, is
    // the whole sorted.
    let mut found = Vec::new();
    for path in entries(dir).into_iter().filter(|p| !skip(p)) {
        if path.is_dir() {
            found.extend(files_under_but(&path, skip));
        } else {
            found.push(path);
        }
    }
    found
}

/// Files ending in `.ext` under `dir`, at any depth, sorted.
pub fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|path| path.extension().is_some_and(|e| e == ext))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_found_at_any_depth_in_order() {
        let root = std::env::temp_dir().join(format!("wb-paths-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for file in ["b.rs", "a/z.rs", "a/y/x.md", "a.rs", "c/d.txt"] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let shown =
            |paths: Vec<PathBuf>| -> Vec<String> { paths.iter().map(|p| rel(&root, p)).collect() };
        assert_eq!(
            shown(files_under(&root)),
            ["a/y/x.md", "a/z.rs", "a.rs", "b.rs", "c/d.txt"]
        );
        assert_eq!(
            shown(files_with_ext(&root, "rs")),
            ["a/z.rs", "a.rs", "b.rs"]
        );
        assert_eq!(shown(subfolders(&root)), ["a", "c"]);
        assert_eq!(files_under(&root.join("missing")), Vec::<PathBuf>::new());
        std::fs::remove_dir_all(&root).unwrap();
    }
}
