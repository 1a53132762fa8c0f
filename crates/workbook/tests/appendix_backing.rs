//! Every row of the book's appendix "When things go wrong"
//! (book/src/when-things-go-wrong.md) names, in its last column, the tests
//! that show its message: `` `crate`: `target::test`, `target::test`; `other`: … ``
//! This checks that each row names at least one, and that each named test
//! exists, so that a row cannot point at nothing once a test is renamed.
//!
//! A name is `target::[module::…]test`: `target` is a file `tests/<target>.rs`
//! of the crate, or a module of its `src/` (`src/<target>.rs`), or, for
//! `tests::…`, the crate's `src/lib.rs`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

/// The crates of the workspace, by package name: `crates/<dir>`.
fn crate_dir(root: &Path, name: &str) -> Option<PathBuf> {
    let crates = fs::read_dir(root.join("crates")).ok()?;
    crates.flatten().map(|entry| entry.path()).find(|dir| {
        fs::read_to_string(dir.join("Cargo.toml")).is_ok_and(|toml| {
            toml.lines()
                .any(|line| line.trim() == format!("name = \"{name}\""))
        })
    })
}

/// The tests a row's last cell names, as (crate, path) pairs, in order.
fn named_tests(cell: &str) -> Vec<(String, String)> {
    let mut named = Vec::new();
    let mut krate = None;
    let mut rest = cell;
    while let Some(start) = rest.find('`') {
        let Some(len) = rest[start + 1..].find('`') else {
            break;
        };
        let token = &rest[start + 1..start + 1 + len];
        rest = &rest[start + len + 2..];
        // A crate may say how to build it: `crate` (`--features x`): …
        let after_note = rest
            .strip_prefix(" (")
            .and_then(|note| note.find(')').map(|end| &note[end + 1..]));
        if let Some(after) = after_note.filter(|after| after.starts_with(':')) {
            rest = after;
        }
        if rest.starts_with(':') {
            krate = Some(token.to_string());
        } else {
            // A test before any crate is named belongs to none: say so.
            let krate = krate.clone().unwrap_or_default();
            named.push((krate, token.to_string()));
        }
    }
    named
}

/// Why `path` of crate `krate` names no test, or `None` if it does.
fn missing_test(root: &Path, krate: &str, path: &str) -> Option<String> {
    if krate.is_empty() {
        return Some("no crate is named before it (`crate`: `test`)".into());
    }
    let Some(dir) = crate_dir(root, krate) else {
        return Some(format!("no crate `{krate}` in crates/"));
    };
    if !path.contains("::") {
        // A whole test file: `echo_under_load` is tests/echo_under_load.rs.
        let file = dir.join("tests").join(format!("{path}.rs"));
        let has_tests = fs::read_to_string(&file).is_ok_and(|text| text.contains("#[test]"));
        return (!has_tests).then(|| format!("`{krate}` has no tests/{path}.rs with tests in it"));
    }
    let segments: Vec<&str> = path.split("::").collect();
    let (test, modules) = segments.split_last().expect("split gives one at least");
    let first = modules.first().copied().unwrap_or("");
    let candidates = [
        (
            dir.join("tests").join(format!("{first}.rs")),
            &modules[1.min(modules.len())..],
        ),
        (
            dir.join("src").join(format!("{first}.rs")),
            &modules[1.min(modules.len())..],
        ),
        (
            dir.join("src").join(first).join("mod.rs"),
            &modules[1.min(modules.len())..],
        ),
        (dir.join("src/lib.rs"), modules),
    ];
    let Some((file, inner)) = candidates.iter().find(|(file, _)| file.is_file()) else {
        return Some(format!(
            "`{krate}` has no tests/{first}.rs, src/{first}.rs or src/lib.rs"
        ));
    };
    let text = fs::read_to_string(file).unwrap_or_default();
    let shown = file.strip_prefix(root).unwrap_or(file).display();
    if let Some(module) = inner.iter().find(|m| !text.contains(&format!("mod {m}"))) {
        return Some(format!("{shown} has no `mod {module}`"));
    }
    let Some(at) = text.find(&format!("fn {test}(")) else {
        return Some(format!("{shown} has no `fn {test}`"));
    };
    // A test, not a helper: `#[test]` just above, or a proptest block.
    let mut from = at.saturating_sub(200);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let above = &text[from..at];
    if !above.contains("#[test]") && !text.contains("proptest!") {
        return Some(format!("{shown}: `fn {test}` is not a #[test]"));
    }
    None
}

/// Every problem with the appendix's test columns, one line each.
fn problems(root: &Path, appendix: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let rows = appendix
        .lines()
        .filter(|line| line.starts_with('|') && !line.starts_with("|---"))
        .filter(|line| !line.starts_with("| what you did"));
    for row in rows {
        let cells: Vec<&str> = row.trim_end().trim_end_matches('|').split('|').collect();
        let last = cells.last().copied().unwrap_or("");
        let what = cells.get(1).map_or("", |cell| cell.trim());
        let named = named_tests(last);
        if named.is_empty() {
            problems.push(format!("the row \"{what}\" names no test"));
        }
        for (krate, path) in named {
            if let Some(why) = missing_test(root, &krate, &path) {
                problems.push(format!(
                    "the row \"{what}\" names `{krate}`: `{path}`: {why}"
                ));
            }
        }
    }
    problems
}

#[test]
fn every_row_of_when_things_go_wrong_names_tests_that_exist() {
    let root = common::source_root();
    let appendix = fs::read_to_string(root.join("book/src/when-things-go-wrong.md"))
        .expect("the appendix is there");
    let rows = appendix
        .lines()
        .filter(|line| line.starts_with("| ") && !line.starts_with("| what you did"))
        .count();
    assert!(
        rows >= 10,
        "the appendix has {rows} rows: its tables are gone?"
    );
    let problems = problems(&root, &appendix);
    assert!(
        problems.is_empty(),
        "book/src/when-things-go-wrong.md names tests that do not exist:\n{}",
        problems.join("\n")
    );
}

#[test]
fn a_row_naming_a_missing_test_or_none_is_caught() {
    let root = common::source_root();
    let table = "| what you did | what you see | explained in | test |\n\
                 |---|---|---|---|\n\
                 | a deadlock | \"deadlock…\" | [x](x.md) | `genloop`: `failures::tasks_that_wait_for_each_other_are_a_deadlock` |\n\
                 | renamed | \"…\" | [x](x.md) | `genloop`: `failures::no_such_test`; `aio`: `nowhere::x` |\n\
                 | forgotten | \"…\" | [x](x.md) | to do |\n\
                 | a helper | \"…\" | [x](x.md) | `workbook`: `hardening::fixes`; `no-such-crate`: `a::b` |\n\
                 | files | \"…\" | [x](x.md) | `genloop` (`--features x`): `failures`, `nothing`; `loose::x` |\n";
    assert_eq!(
        problems(&root, table),
        [
            "the row \"renamed\" names `genloop`: `failures::no_such_test`: crates/genloop/tests/failures.rs has no `fn no_such_test`",
            "the row \"renamed\" names `aio`: `nowhere::x`: crates/aio/src/lib.rs has no `mod nowhere`",
            "the row \"forgotten\" names no test",
            "the row \"a helper\" names `workbook`: `hardening::fixes`: crates/workbook/tests/hardening.rs: `fn fixes` is not a #[test]",
            "the row \"a helper\" names `no-such-crate`: `a::b`: no crate `no-such-crate` in crates/",
            "the row \"files\" names `genloop`: `nothing`: `genloop` has no tests/nothing.rs with tests in it",
            "the row \"files\" names `genloop`: `loose::x`: crates/genloop/src/lib.rs has no `mod loose`",
        ]
    );
}
