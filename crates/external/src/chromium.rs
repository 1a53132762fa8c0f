//! Which Chromium the browser check runs, and whether there is one.

use std::ffi::OsString;
use std::path::PathBuf;

/// The variable that names the Chromium to use, or `none` for no browser.
pub const VARIABLE: &str = "WB_CHROMIUM";

/// The names looked for on the PATH, in this order.
const NAMES: [&str; 4] = [
    "chromium", // Debian's name
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// The Chromium to use: `$WB_CHROMIUM` (`none` for no browser), or the
/// first of `chromium`, `chromium-browser`, `google-chrome` and
/// `google-chrome-stable` on the PATH. The error says why there is none,
/// for a "skipped" line.
pub fn find() -> Result<PathBuf, String> {
    find_with(
        std::env::var_os(VARIABLE),
        std::env::var_os("PATH").unwrap_or_default(),
    )
}

/// [`find`], given the variable's value and the PATH.
fn find_with(variable: Option<OsString>, path: OsString) -> Result<PathBuf, String> {
    if let Some(exe) = variable.filter(|v| !v.is_empty()) {
        if exe == "none" {
            return Err(format!("{VARIABLE}=none switches the browser check off"));
        }
        let exe = PathBuf::from(exe);
        return if exe.is_file() {
            Ok(exe)
        } else {
            Err(format!("{VARIABLE}={} is not a file", exe.display()))
        };
    }
    for name in NAMES {
        for dir in std::env::split_paths(&path) {
            let exe = dir.join(name);
            if exe.is_file() {
                return Ok(exe);
            }
        }
    }
    Err(format!(
        "no Chromium found (looked for {} on the PATH; Debian: apt-get install chromium)",
        NAMES.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder with empty files of these names, removed when dropped.
    struct Folder(PathBuf);

    impl Folder {
        fn with(name: &str, files: &[&str]) -> Folder {
            let dir = std::env::temp_dir().join(format!("external-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            for file in files {
                std::fs::write(dir.join(file), "").unwrap();
            }
            Folder(dir)
        }
    }

    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn the_variable_wins_over_the_path() {
        let folder = Folder::with("variable", &["chromium", "my-chrome"]);
        let path = folder.0.clone().into_os_string();
        let mine = folder.0.join("my-chrome");
        assert_eq!(find_with(Some(mine.clone().into()), path.clone()), Ok(mine));
        assert_eq!(
            find_with(Some("none".into()), path.clone()),
            Err("WB_CHROMIUM=none switches the browser check off".into())
        );
        let missing = folder.0.join("missing");
        assert_eq!(
            find_with(Some(missing.clone().into()), path.clone()),
            Err(format!("WB_CHROMIUM={} is not a file", missing.display()))
        );
        // Set but empty is not set.
        assert_eq!(
            find_with(Some("".into()), path),
            Ok(folder.0.join("chromium"))
        );
    }

    #[test]
    fn the_path_is_searched_name_by_name() {
        let first = Folder::with("first", &["google-chrome-stable"]);
        let second = Folder::with("second", &["chromium-browser"]);
        let path = std::env::join_paths([&first.0, &second.0]).unwrap();
        assert_eq!(find_with(None, path), Ok(second.0.join("chromium-browser")));
        let empty = Folder::with("empty", &[]);
        let why = find_with(None, empty.0.clone().into_os_string()).unwrap_err();
        assert_eq!(
            why,
            "no Chromium found (looked for chromium, chromium-browser, google-chrome, google-chrome-stable on the PATH; Debian: apt-get install chromium)"
        );
    }
}
