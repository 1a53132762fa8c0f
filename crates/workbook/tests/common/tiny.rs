//! A tiny workbook, for tests of `cargo wb` that need nothing of the real
//! one: one chapter, one exercise, a crate with no dependencies, a git
//! repository with one commit. Most of its commands run no cargo at all,
//! and the others compile a few lines.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::Said;

/// Chapter 0 to read, and chapter 1 with the exercise `hello`.
pub const MANIFEST: &str = include_str!("../../../manifest/tests/samples/tiny.toml");

pub const STUB: &str = "pub fn hello() -> &'static str {\n    todo!()\n}\n";

/// A test without the workbook's harness: under `cargo wb` it records what
/// the program said as the harness would (crates/verdict/src/record.rs),
/// under `cargo test` it checks it itself.
pub const TESTS: &str = r#"mod hello {
    #[test]
    fn five_greetings() {
        let said = ch01_yield::hello::hello();
        let Ok(record) = std::env::var("WB_RECORD") else {
            return assert_eq!(said, "hello");
        };
        let entry = |key: &str, value: &str| format!("{key} {}\n{value}\n", value.len());
        let entries = [
            entry("started", "5000"),
            entry("snapshot", "hello"),
            entry("trace", said),
            entry("finished", ""),
        ];
        std::fs::write(record, entries.concat()).unwrap();
    }
}
"#;

pub const SNAPSHOT: &str = "---\nsource: tests/exercises.rs\ndescription: \"Expected trace for exercise `hello`. The answer key: do not edit.\"\n---\nhello\n";

pub const SNAP: &str = "crates/ch01-yield/snapshots/hello.snap";
pub const EXERCISE: &str = "exercises/ch01_yield/hello.rs";

/// A tiny workbook in its own folder, committed in its own git repository.
pub struct Tiny {
    pub root: PathBuf,
}

impl Tiny {
    /// `target/tmp/<test file>/<name>`.
    pub fn new(name: &str) -> Tiny {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(env!("CARGO_CRATE_NAME"))
            .join(name);
        if root.exists() {
            std::fs::remove_dir_all(&root).unwrap();
        }
        let tiny = Tiny { root };
        tiny.write("workbook.toml", MANIFEST);
        tiny.write(
            "Cargo.toml",
            "[workspace]\nmembers = [\"crates/ch01-yield\"]\nresolver = \"2\"\n\n[workspace.package]\nrust-version = \"1.88\"\n",
        );
        tiny.write(
            ".gitignore",
            "/target\n/.workbook\n*.snap.new\n*.pending-snap\nCargo.lock\n",
        );
        tiny.write(
            "crates/ch01-yield/Cargo.toml",
            "[package]\nname = \"ch01-yield\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[features]\nsolutions = []\n",
        );
        tiny.write(
            "crates/ch01-yield/src/lib.rs",
            "#[cfg(not(feature = \"solutions\"))]\n#[path = \"../../../exercises/ch01_yield/hello.rs\"]\npub mod hello;\n#[cfg(feature = \"solutions\")]\n#[path = \"../../../solutions/ch01_yield/hello.rs\"]\npub mod hello;\n",
        );
        tiny.write("crates/ch01-yield/tests/exercises.rs", TESTS);
        tiny.write(SNAP, SNAPSHOT);
        tiny.write(EXERCISE, STUB);
        tiny.write("stubs/ch01_yield/hello.rs", STUB);
        tiny.write(
            "solutions/ch01_yield/hello.rs",
            "pub fn hello() -> &'static str {\n    \"hello\"\n}\n",
        );
        tiny.write(
            "book/src/ch01-yield/generators.md",
            "**Exercise `hello`**\n",
        );
        tiny.git(&["init", "-q"]);
        tiny.git(&["add", "-A"]);
        tiny.git(&["commit", "-q", "-m", "the workbook"]);
        tiny
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    pub fn write(&self, relative: &str, text: impl AsRef<[u8]>) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap()
    }

    pub fn read_bytes(&self, relative: &str) -> Vec<u8> {
        std::fs::read(self.path(relative)).unwrap()
    }

    pub fn git(&self, args: &[&str]) {
        super::git(&self.root, args);
    }

    /// `cargo wb ARGS` to run in `folder` (relative to the root), with the
    /// copy's own target dir and no colours.
    pub fn command(&self, folder: &Path, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_workbook"));
        command
            .args(args)
            .current_dir(folder)
            .env("CARGO_TARGET_DIR", self.path("target"))
            .env("NO_COLOR", "1");
        command
    }

    /// `cargo wb ARGS`, run in `folder` (relative to the root).
    pub fn wb_in(&self, folder: &Path, args: &[&str]) -> Said {
        Said::from(self.command(folder, args).output().unwrap())
    }

    pub fn wb(&self, args: &[&str]) -> Said {
        self.wb_in(&self.root, args)
    }

    /// A `fix:` line's command, as the learner would paste it in the root.
    pub fn run_fix(&self, command: &str) {
        let command = command.split("   (").next().unwrap();
        let out = Command::new("sh")
            .args(["-c", command])
            .current_dir(&self.root)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
