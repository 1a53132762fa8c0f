//! workbook.toml under bad input (see `bad_toml`): the parser must never
//! panic, and every error must say where: the file, and a line or the key
//! (with its chapter or exercise).

mod bad_toml;

use std::path::Path;

use manifest::{Error, Workbook};

/// Three chapters: 0 to read, 1 with `hello` and `lazy`, 2 with `priming`.
const GOOD: &str = concat!(
    include_str!("samples/tiny.toml"),
    include_str!("samples/more.toml")
);

fn parse(text: &str) -> Result<Workbook, Error> {
    Workbook::parse(Path::new("/wb"), Path::new("/wb/workbook.toml"), text)
}

/// Parses `text`; an error names the file, and a line or a key.
#[track_caller]
fn check(text: &str) {
    let Err(e) = parse(text) else {
        return;
    };
    assert_eq!(e.path, Path::new("/wb/workbook.toml"));
    let shown = e.to_string();
    assert!(shown.starts_with("/wb/workbook.toml: "), "{shown}");
    assert!(
        bad_toml::says_where(&e.message, text),
        "not located: {shown}\n--- in:\n{text}"
    );
}

#[test]
fn the_unmutated_manifest_parses() {
    let wb = parse(GOOD).unwrap();
    assert_eq!(wb.exercises().count(), 3);
}

#[test]
fn the_workbooks_own_manifest_parses() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    Workbook::load(&root).unwrap();
}

#[test]
fn a_duplicate_chapter_number_names_the_key() {
    let text = GOOD.replace("number = 2", "number = 1");
    assert!(parse(&text).is_err());
    check(&text);
}

/// And random text, and text shaped like a manifest (`bad_toml`).
#[test]
fn a_mutated_manifest_never_panics_and_errors_say_where() {
    bad_toml::never_panics(
        "(\\[\\[chapters(\\.exercises)?\\]\\]\n|[a-z]{1,8} = (\"[a-z:]{0,6}\"|[0-9]{1,3}|\\[\"[a-z:]{0,8}\"\\])\n){0,20}",
        GOOD,
        check,
    );
}
