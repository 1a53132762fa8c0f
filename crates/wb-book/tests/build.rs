//! The build is strict: whatever would show a reader a broken page fails it.

use std::fs;

use tempfile::TempDir;

const BOOK_TOML: &str = r#"
[book]
title = "test"
[build]
build-dir = "build"
create-missing = false
[output.html.search]
enable = true
"#;

/// A workbook root with `book/` holding one page whose text is `page`, and
/// `code/demo.rs` to include.
fn workbook(page: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("workbook.toml"), "title = \"test\"\n").unwrap();
    fs::create_dir_all(root.join("book/src")).unwrap();
    fs::create_dir_all(root.join("code")).unwrap();
    fs::write(root.join("book/book.toml"), BOOK_TOML).unwrap();
    fs::write(
        root.join("book/src/SUMMARY.md"),
        "# Summary\n\n[Intro](intro.md)\n",
    )
    .unwrap();
    fs::write(root.join("book/src/intro.md"), page).unwrap();
    fs::write(
        root.join("code/demo.rs"),
        "// ANCHOR: main\nfn main() {\n    println!(\"yield\");\n}\n// ANCHOR_END: main\n",
    )
    .unwrap();
    dir
}

fn build(dir: &TempDir) -> Result<String, String> {
    wb_book::build(dir.path())
        .map(|index| fs::read_to_string(index).unwrap())
        .map_err(|e| e.to_string())
}

fn page_with(include: &str) -> String {
    format!("# Intro\n\n```rust\n{{{{#include {include}}}}}\n```\n")
}

#[test]
fn a_good_book_builds_with_its_search_index() {
    let dir = workbook(&page_with("../../code/demo.rs:main"));
    let html = build(&dir).unwrap();
    assert!(html.contains("Intro"));
    let intro = fs::read_to_string(dir.path().join("book/build/intro.html")).unwrap();
    assert!(intro.contains("println!"), "{intro}");
    let has_index = fs::read_dir(dir.path().join("book/build"))
        .unwrap()
        .any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("searchindex")
        });
    assert!(has_index, "no search index in the build");
}

#[test]
fn a_missing_include_file_is_an_error() {
    let dir = workbook(&page_with("../../code/missing.rs"));
    let err = build(&dir).unwrap_err();
    assert!(err.contains("missing.rs"), "{err}");
    // Twice in one process: the log collector must catch it every time.
    let err = build(&dir).unwrap_err();
    assert!(err.contains("missing.rs"), "{err}");
}

#[test]
fn a_missing_anchor_is_an_error() {
    let dir = workbook(&page_with("../../code/demo.rs:mian"));
    let err = build(&dir).unwrap_err();
    assert!(err.contains("has no `ANCHOR: mian`"), "{err}");
}

#[test]
fn a_range_past_the_end_is_an_error() {
    let dir = workbook(&page_with("../../code/demo.rs:40:"));
    let err = build(&dir).unwrap_err();
    assert!(err.contains("starts at line 40"), "{err}");
}

#[test]
fn an_escaped_include_is_left_alone() {
    let dir = workbook("# Intro\n\nWrite `\\{{#include file.rs:anchor}}`.\n");
    build(&dir).unwrap();
}

#[test]
fn a_page_missing_from_disk_is_an_error() {
    let dir = workbook("# Intro\n");
    fs::write(
        dir.path().join("book/src/SUMMARY.md"),
        "# Summary\n\n[Intro](intro.md)\n[Gone](gone.md)\n",
    )
    .unwrap();
    let err = build(&dir).unwrap_err();
    assert!(err.contains("gone.md"), "{err}");
    assert!(
        !dir.path().join("book/src/gone.md").exists(),
        "mdBook created the missing page"
    );
}

#[test]
fn an_unclosed_div_is_an_error() {
    let dir = workbook("# Intro\n\n<div class=\"side-by-side\">\n<div>\n\ntext\n\n</div>\n");
    let err = build(&dir).unwrap_err();
    assert!(err.contains("unclosed HTML tag"), "{err}");
}

#[test]
fn the_root_is_found_from_a_folder_inside_it() {
    let dir = workbook("# Intro\n");
    let inner = dir.path().join("book/src");
    assert_eq!(wb_book::find_root(&inner).unwrap(), dir.path());
    let outside = tempfile::tempdir().unwrap();
    let err = wb_book::find_root(outside.path()).unwrap_err().to_string();
    assert!(err.contains("workbook.toml"), "{err}");
}
