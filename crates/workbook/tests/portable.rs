//! The workbook is used on Windows and macOS as well as Linux, so what git
//! checks out must work the same on all three.
//!
//! - No symbolic links. Git on Windows checks a link out as a small text
//!   file holding a path: a Python twin importing `_trace.py` through one
//!   fails, and the book, including the file, shows the path instead of
//!   the program. A file read from several places is instead a real copy
//!   in each ([`COPIES`]), so that any twin runs as the book says
//!   (`python3 crates/chNN-topic/python/NAME.py`, from any folder): Python
//!   finds `_trace.py` in the folder of the program it runs. This checks
//!   that every copy is still its source, byte for byte;
//!   `WB_SYNC_COPIES=1 cargo test -p workbook --test portable` copies them
//!   again after the source changed.
//! - Text is committed and checked out with LF line ends (`.gitattributes`),
//!   even where git would write CRLF (Git for Windows' default,
//!   `core.autocrlf=true`): snapshots and figures are compared with what
//!   the programs print and draw.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Files read from more than one place: (source, copy), relative to the
/// workbook's root. Edit the source; the copies follow it.
const COPIES: &[(&str, &str)] = &[
    // The virtual clock and `say` of every asyncio twin: chapter 4's.
    (TRACE, "crates/ch05-async-await/python/_trace.py"),
    (TRACE, "crates/ch06-real-world/python/_trace.py"),
    (TRACE, "crates/ch07-crawler/python/_trace.py"),
    (TRACE, "crates/aio/tests/python/_trace.py"),
    // Chapter 4's programs, run on aio in chapter 5 (same Python, same trace).
    (
        "crates/ch04-event-loop/python/ping_pong.py",
        "crates/ch05-async-await/python/ping_pong.py",
    ),
    (
        "crates/ch04-event-loop/python/say_after_tasks.py",
        "crates/ch05-async-await/python/ported.py",
    ),
];

const TRACE: &str = "crates/ch04-event-loop/python/_trace.py";

const SYNC: &str = "WB_SYNC_COPIES=1 cargo test -p workbook --test portable";

fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink())
}

#[test]
fn every_copy_is_its_source_byte_for_byte() {
    let root = common::source_root();
    let sync = std::env::var_os("WB_SYNC_COPIES").is_some_and(|v| v == "1");
    let mut problems = Vec::new();
    for (source, copy) in COPIES {
        let source_bytes = fs::read(root.join(source))
            .unwrap_or_else(|e| panic!("{source}, the source of {copy}, cannot be read: {e}"));
        let copy_path = root.join(copy);
        let why = if is_link(&copy_path) {
            "is a symbolic link, not a copy"
        } else {
            match fs::read(&copy_path) {
                Err(_) => "is missing",
                Ok(bytes) if bytes != source_bytes => "differs",
                Ok(_) => continue,
            }
        };
        if sync {
            // Never write through a link: it may point at the source.
            if is_link(&copy_path) {
                fs::remove_file(&copy_path).unwrap();
            }
            fs::write(&copy_path, &source_bytes).unwrap();
            eprintln!("copied {source} to {copy}");
        } else {
            problems.push(format!("{copy} {why}; it is a copy of {source}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n\nEdit the source, never a copy; then copy it to every place that reads it:\n    {SYNC}",
        problems.join("\n")
    );
}

/// Every `_trace.py` but chapter 4's is a copy in [`COPIES`], so that a new
/// chapter's copy is checked too.
#[test]
fn every_trace_module_is_a_listed_copy() {
    let root = common::source_root();
    let mut found = Vec::new();
    files_named(&root.join("crates"), "_trace.py", &mut found);
    let unlisted: Vec<String> = found
        .iter()
        .map(|path| {
            path.strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|path| path != TRACE && !COPIES.iter().any(|(_, copy)| copy == path))
        .collect();
    assert!(
        unlisted.is_empty(),
        "not listed in COPIES (crates/workbook/tests/portable.rs), so nothing checks that they are {TRACE}:\n{}\n\
         Add a line for each, then: {SYNC}",
        unlisted.join("\n")
    );
}

fn files_named(dir: &Path, name: &str, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for path in entries.flatten().map(|entry| entry.path()) {
        let file_name = path.file_name().unwrap_or_default();
        if file_name == name {
            found.push(path);
        } else if path.is_dir() && !is_link(&path) && file_name != "target" {
            files_named(&path, name, found);
        }
    }
}

/// `git` in the workbook's root, if it is there and this is a checkout.
fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn git_holds_no_symbolic_links() {
    let root = common::source_root();
    let Some(listed) = git(&root, &["ls-files", "-s", "--", "."]) else {
        eprintln!("not a git checkout (or no git): the committed files were not looked at");
        return;
    };
    // `<mode> <object> <stage>\t<path>`; 120000 is a symbolic link.
    let links: Vec<&str> = listed
        .lines()
        .filter(|line| line.starts_with("120000 "))
        .filter_map(|line| line.split_once('\t').map(|(_, path)| path))
        .collect();
    assert!(
        links.is_empty(),
        "symbolic links in git; on Windows each is checked out as a file holding a path:\n{}\n\
         Make each a real copy of its target, listed in COPIES (crates/workbook/tests/portable.rs), then: {SYNC}\n\
         (A link already replaced by a file on disk stays a link in git's index until `git add`.)",
        links.join("\n")
    );
}

#[test]
fn text_is_committed_and_checked_out_with_lf() {
    let root = common::source_root();
    let Some(listed) = git(&root, &["ls-files", "--eol", "--", "."]) else {
        eprintln!("not a git checkout (or no git): line ends were not looked at");
        return;
    };
    let mut problems = Vec::new();
    // `i/<in git> w/<on disk> attr/<attributes>\t<path>`.
    for line in listed.lines() {
        let Some((info, path)) = line.split_once('\t') else {
            continue;
        };
        let mut fields = info.split_whitespace();
        let (index, disk) = (fields.next().unwrap_or(""), fields.next().unwrap_or(""));
        let attributes: Vec<&str> = fields.collect();
        let attributes = attributes.join(" ");
        match index {
            // A link (reported above), or binary.
            "i/" | "i/-text" => continue,
            "i/crlf" | "i/mixed" => problems.push(format!("{path}: committed with CRLF line ends")),
            _ if !attributes.contains("eol=lf") => problems.push(format!(
                "{path}: .gitattributes does not make it eol=lf ({attributes})"
            )),
            _ => {}
        }
        if disk == "w/crlf" || disk == "w/mixed" {
            problems.push(format!("{path}: CRLF line ends on disk; save it with LF"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
