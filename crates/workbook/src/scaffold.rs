//! `cargo wb new-exercise CHAPTER ID --kind implement|predict|fix`: every
//! file and line a new exercise needs, so that `cargo wb verify` checks it
//! like the others from the start.
//!
//! What a person must still write is marked `TODO(new-exercise)` (the
//! title, the hints, the file's comment, the program), and `cargo wb verify`
//! fails while any such mark is left, as it fails until the snapshot is
//! blessed and the book announces the exercise.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use manifest::{Chapter, Kind, Workbook};

use crate::paths;

/// What marks a placeholder; `cargo wb verify` looks for it.
pub const PLACEHOLDER: &str = "TODO(new-exercise)";

pub struct Request<'a> {
    chapter: &'a Chapter,
    id: String,
    kind: Kind,
    title: String,
    page: String,
}

/// Rust's keywords: an id names a module.
const KEYWORDS: [&str; 51] = [
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true", "type", "unsafe",
    "use", "where", "while", "abstract", "become", "box", "do", "final", "macro", "override",
    "priv", "typeof", "unsized", "virtual", "yield", "try",
];

impl<'a> Request<'a> {
    pub fn new(
        wb: &Workbook,
        chapter: &'a Chapter,
        id: &str,
        kind: &str,
        title: Option<String>,
        page: Option<String>,
    ) -> Result<Request<'a>, String> {
        let kind = match kind {
            "implement" => Kind::Implement,
            "predict" => Kind::Predict,
            "fix" => Kind::Fix,
            other => {
                return Err(format!(
                    "--kind {other:?} is not one of implement, predict, fix"
                ));
            }
        };
        let valid = id.starts_with(|c: char| c.is_ascii_lowercase())
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid || KEYWORDS.contains(&id) {
            return Err(format!(
                "`{id}` cannot be an exercise id: it names a file and a Rust module, so lowercase letters, digits and '_', starting with a letter, and not a keyword"
            ));
        }
        if let Some((c, _)) = wb.exercise(id) {
            return Err(format!(
                "there is already an exercise `{id}` (chapter {}): ids are unique in the workbook",
                c.number
            ));
        }
        let krate = chapter.crate_dir(&wb.root);
        if !krate.join("src/lib.rs").is_file() || !krate.join("tests/exercises.rs").is_file() {
            return Err(format!(
                "chapter {} has no crate with src/lib.rs and tests/exercises.rs yet (crates/{}): make it first, from crates/ch01-yield (docs/authoring.md)",
                chapter.number,
                chapter.crate_name()
            ));
        }
        let page = page
            .or_else(|| chapter.exercises.last().map(|e| e.page.clone()))
            .unwrap_or_else(|| "index.md".into());
        Ok(Request {
            chapter,
            id: id.to_string(),
            kind,
            title: title.unwrap_or_else(|| format!("{PLACEHOLDER}: a title")),
            page,
        })
    }

    fn test_name(&self) -> &'static str {
        match self.kind {
            Kind::Predict => "prediction",
            Kind::Implement | Kind::Fix => "in_order",
        }
    }

    /// The stub and the solution.
    fn files(&self) -> (String, String) {
        let (id, kind, page) = (&self.id, self.kind, &self.page);
        let head = format!("//! Exercise `{id}` ({kind}). Page: {page}.\n//!\n");
        match self.kind {
            Kind::Implement => {
                let top = format!(
                    "{head}//! {PLACEHOLDER}: what to write, in two or three sentences.\n\
                     use trace::Trace;\n\n\
                     /// {PLACEHOLDER}: what it does.\n\
                     pub fn {id}(t: &Trace) {{\n"
                );
                (
                    format!("{top}    let _ = t;\n    todo!(\"say the lines, in order\")\n}}\n"),
                    format!("{top}    t.say(\"{PLACEHOLDER}: the reference answer\");\n}}\n"),
                )
            }
            Kind::Predict => {
                let top = format!(
                    "{head}//! Read `program` without running it and write in `PREDICTION` the lines it\n\
                     //! says, in order, one string a line. Leave the program as it is: the test\n\
                     //! checks that it still says what it said when the exercise was written.\n\
                     use trace::Trace;\n\n\
                     pub fn program(t: &Trace) {{\n    \
                     // {PLACEHOLDER}: the program whose order the learner predicts.\n    \
                     t.say(\"main: first\");\n    \
                     t.say(\"main: second\");\n}}\n\n"
                );
                (
                    format!("{top}pub const PREDICTION: &[&str] = &[];\n"),
                    format!(
                        "{top}pub const PREDICTION: &[&str] = &[\"main: first\", \"main: second\"];\n"
                    ),
                )
            }
            Kind::Fix => {
                let top = format!(
                    "{head}//! {PLACEHOLDER}: what the program should do (not where the bug is).\n\
                     use trace::Trace;\n\n\
                     pub fn program(t: &Trace) {{\n    \
                     // {PLACEHOLDER}: a program with a classic bug.\n"
                );
                (
                    format!("{top}    t.say(\"second\");\n    t.say(\"first\");\n}}\n"),
                    format!("{top}    t.say(\"first\");\n    t.say(\"second\");\n}}\n"),
                )
            }
        }
    }

    fn test_module(&self) -> String {
        let id = &self.id;
        let krate = self.chapter.crate_name().replace('-', "_");
        let test = self.test_name();
        let body = match self.kind {
            Kind::Implement => format!(
                "    use {krate}::{id}::{id};\n\n    #[test]\n    fn {test}() {{\n        \
                 harness::exercise!(\"{id}\").check(\"{id}\", |t| {id}(t));\n    }}\n"
            ),
            Kind::Predict => format!(
                "    use {krate}::{id}::{{PREDICTION, program}};\n\n    #[test]\n    fn {test}() {{\n        \
                 harness::exercise!(\"{id}\").check_prediction(\"{id}\", PREDICTION, program);\n    }}\n"
            ),
            Kind::Fix => format!(
                "    use {krate}::{id}::program;\n\n    #[test]\n    fn {test}() {{\n        \
                 harness::exercise!(\"{id}\").check(\"{id}\", program);\n    }}\n"
            ),
        };
        format!("\nmod {id} {{\n{body}}}\n")
    }

    fn manifest_entry(&self) -> String {
        let id = &self.id;
        format!(
            "\n[[chapters.exercises]]\n\
             id = \"{id}\"\n\
             kind = \"{}\"\n\
             title = {}\n\
             page = {}\n\
             minutes = 10\n\
             tests = [\"{id}::{}\"]\n\
             hints = [\n    \
             \"{PLACEHOLDER}: the gentlest hint\",\n    \
             \"{PLACEHOLDER}: a closer one\",\n    \
             \"{PLACEHOLDER}: nearly the answer\",\n]\n",
            self.kind,
            toml_string(&self.title),
            toml_string(&self.page),
            self.test_name()
        )
    }
}

/// A TOML basic string: its escapes are JSON's.
fn toml_string(text: &str) -> String {
    crate::grade::json_str(text)
}

/// `lib.rs` with `pub mod <id>;` in its `exercise_modules!` list, in
/// alphabetical order, or why that cannot be done.
pub fn add_module(lib: &str, id: &str) -> Result<String, String> {
    let lines: Vec<&str> = lib.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.contains("macro_rules! exercise_modules"))
        .ok_or(
            "it has no `macro_rules! exercise_modules` (docs/authoring.md, the chapter crate)",
        )?;
    let end = (start..lines.len())
        .find(|&i| lines[i].trim() == "};")
        .ok_or("its `exercise_modules!` has no `};` line ending its list")?;
    let modules: Vec<(usize, &str)> = (start..end)
        .filter_map(|i| {
            let name = lines[i]
                .trim()
                .strip_prefix("pub mod ")?
                .strip_suffix(';')?;
            Some((i, name))
        })
        .collect();
    let Some(&(last, _)) = modules.last() else {
        return Err("its `exercise_modules!` lists no `pub mod`".into());
    };
    let indent: String = lines[last]
        .chars()
        .take_while(|c| c.is_whitespace())
        .collect();
    // Before the first module that sorts after `id`, above its attributes
    // and comments; after the last one otherwise.
    let at = match modules.iter().find(|(_, name)| *name > id) {
        Some(&(mut i, _)) => {
            while i > start + 1 && {
                let above = lines[i - 1].trim_start();
                above.starts_with("#[") || above.starts_with("//")
            } {
                i -= 1;
            }
            i
        }
        None => last + 1,
    };
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    out.insert(at, format!("{indent}pub mod {id};"));
    let mut text = out.join("\n");
    if lib.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// `workbook.toml` with `entry` after the last line of chapter `number`'s
/// tables (before the comments that open the next chapter).
pub fn add_entry(manifest: &str, number: u32, entry: &str) -> Result<String, String> {
    let lines: Vec<&str> = manifest.lines().collect();
    let chapter_starts: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].trim() == "[[chapters]]")
        .collect();
    let number_line = format!("number = {number}");
    let (index, _) = chapter_starts
        .iter()
        .enumerate()
        .find(|&(k, &s)| {
            let end = chapter_starts.get(k + 1).copied().unwrap_or(lines.len());
            (s..end).any(|i| {
                let line = lines[i].split('#').next().unwrap_or("").trim();
                line.replace(' ', "") == number_line.replace(' ', "")
            })
        })
        .ok_or_else(|| format!("no `[[chapters]]` table with `{number_line}` in workbook.toml"))?;
    let mut end = chapter_starts
        .get(index + 1)
        .copied()
        .unwrap_or(lines.len());
    while end > 0 && {
        let above = lines[end - 1].trim();
        above.is_empty() || above.starts_with('#')
    } {
        end -= 1;
    }
    let mut text: String = lines[..end].iter().map(|l| format!("{l}\n")).collect();
    text.push_str(entry);
    if end < lines.len() {
        if !lines[end].trim().is_empty() {
            text.push('\n');
        }
        for line in &lines[end..] {
            text.push_str(line);
            text.push('\n');
        }
    }
    Ok(text)
}

pub fn run(wb: &Workbook, request: &Request) -> Result<ExitCode> {
    let root = &wb.root;
    let chapter = request.chapter;
    let id = &request.id;
    let rel = |p: &Path| paths::rel(root, p);
    let files_dir = |top: &str| root.join(top).join(chapter.folder_name());
    let stub_path = files_dir("exercises").join(format!("{id}.rs"));
    let solution_path = files_dir("solutions").join(format!("{id}.rs"));
    let original_path = files_dir("stubs").join(format!("{id}.rs"));
    for path in [&stub_path, &solution_path, &original_path] {
        if path.exists() {
            anyhow::bail!(
                "{} already exists; new-exercise writes only new files (pick another id, or delete it yourself)",
                rel(path)
            );
        }
    }
    let krate = chapter.crate_dir(root);
    let lib_path = krate.join("src/lib.rs");
    let tests_path = krate.join("tests/exercises.rs");
    let manifest_path = root.join(manifest::MANIFEST_FILE);
    let read =
        |p: &PathBuf| std::fs::read_to_string(p).with_context(|| format!("cannot read {}", rel(p)));

    // Everything is worked out before anything is written.
    let lib = add_module(&read(&lib_path)?, id).map_err(|why| {
        anyhow::anyhow!("cannot add `pub mod {id};` to {}: {why}", rel(&lib_path))
    })?;
    let mut tests = read(&tests_path)?;
    tests.push_str(&request.test_module());
    let manifest_text = add_entry(
        &read(&manifest_path)?,
        chapter.number,
        &request.manifest_entry(),
    )
    .map_err(|why| anyhow::anyhow!("cannot add the exercise to workbook.toml: {why}"))?;
    let check = Workbook::parse(root, &manifest_path, &manifest_text).map_err(|e| {
        anyhow::anyhow!("the new entry would break workbook.toml ({e}); nothing was written")
    })?;
    if check.exercise(id).map(|(c, _)| c.number) != Some(chapter.number) {
        anyhow::bail!(
            "the new entry did not land in chapter {} of workbook.toml; nothing was written",
            chapter.number
        );
    }
    let (stub, solution) = request.files();

    let mut written = Vec::new();
    let mut write = |path: &Path, text: &str, what: &str| -> Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, text).with_context(|| {
            format!(
                "cannot write {} (written so far: {})",
                rel(path),
                if written.is_empty() {
                    "nothing".to_string()
                } else {
                    written.join(", ")
                }
            )
        })?;
        written.push(format!("{} ({what})", rel(path)));
        Ok(())
    };
    write(&stub_path, &stub, "the stub")?;
    write(
        &original_path,
        &stub,
        "its original, which `cargo wb reset` restores",
    )?;
    write(&solution_path, &solution, "the reference answer")?;
    write(
        &tests_path,
        &tests,
        &format!("mod {id}, test {id}::{}", request.test_name()),
    )?;
    write(&lib_path, &lib, &format!("pub mod {id};"))?;
    write(
        &manifest_path,
        &manifest_text,
        "the entry, after the chapter's last exercise",
    )?;

    let wb = Workbook::load(root)?;
    if crate::plan::write(&wb).unwrap_or(false) {
        written.push(format!("{} (the course plan)", crate::plan::PAGE));
    }
    let n = chapter.number;
    println!("New {} exercise `{id}` in chapter {n}:", request.kind);
    for line in &written {
        println!("  {line}");
    }
    let page = format!("book/src/{}/{}", chapter.crate_name(), request.page);
    let original_shown = rel(&original_path);
    println!(
        "\nWhat is left (`cargo wb verify` fails until it is done):\n  \
         1. write the solution, the stub and the test; replace every {PLACEHOLDER} (the files, and title and hints in workbook.toml);\n  \
         2. `cargo wb bless {n}` writes crates/{}/snapshots/{id}.snap from the solution, and copies the stub to {original_shown}: read the snapshot line by line;\n  \
         3. announce it in {page}: **Exercise `{id}`** (docs/authoring.md);\n  \
         4. `cargo wb check {id}` fails on the stub, as it should; `cargo wb verify` checks everything.",
        chapter.crate_name()
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIB: &str = "\
pub mod demos;

macro_rules! exercise_modules {
    () => {
        pub mod countdown;
        pub mod hello;
        // The stub's loop is the bug.
        #[allow(clippy::never_loop)]
        pub mod return_in_loop;
        pub mod runaway;
    };
}
";

    #[test]
    fn a_module_goes_in_alphabetical_order_above_attributes() {
        let text = add_module(LIB, "lazy").unwrap();
        assert!(
            text.contains(
                "        pub mod hello;\n        pub mod lazy;\n        // The stub's loop"
            ),
            "{text}"
        );
        let text = add_module(LIB, "zebra").unwrap();
        assert!(
            text.contains("pub mod runaway;\n        pub mod zebra;\n    };"),
            "{text}"
        );
        let text = add_module(LIB, "alpha").unwrap();
        assert!(
            text.contains("() => {\n        pub mod alpha;\n        pub mod countdown;"),
            "{text}"
        );
        assert!(add_module("pub mod x;\n", "y").is_err());
    }

    #[test]
    fn an_entry_goes_after_its_chapters_last_table() {
        let manifest = "title = \"T\"\n\n[[chapters]]\nnumber = 1\nslug = \"a\"\n\n[[chapters.exercises]]\nid = \"x\"\n\n# Chapter 2 is next.\n[[chapters]]\nnumber = 2\n";
        let text = add_entry(manifest, 1, "\n[[chapters.exercises]]\nid = \"new\"\n").unwrap();
        assert_eq!(
            text,
            "title = \"T\"\n\n[[chapters]]\nnumber = 1\nslug = \"a\"\n\n[[chapters.exercises]]\nid = \"x\"\n\n[[chapters.exercises]]\nid = \"new\"\n\n# Chapter 2 is next.\n[[chapters]]\nnumber = 2\n"
        );
        let text = add_entry(manifest, 2, "\n[[chapters.exercises]]\nid = \"new\"\n").unwrap();
        assert!(text.ends_with("number = 2\n\n[[chapters.exercises]]\nid = \"new\"\n"));
        assert!(add_entry(manifest, 3, "").is_err());
    }
}
