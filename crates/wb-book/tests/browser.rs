//! The browser check can fail: on a copy of the real book with one link
//! broken, and a script error, a missing picture, an empty SVG and a block
//! too wide for a phone injected, it reports each of them, and none of them
//! on the same copy before it was broken.
//!
//! Needs Chromium. Where there is none the test says SKIPPED on stderr and
//! returns (a Rust test cannot report "skipped"); with WB_REQUIRE_BROWSER=1,
//! as `.ci/run` sets it once Chromium is installed, it fails instead.

use std::fs;
use std::path::{Path, PathBuf};

use wb_book::browser::{self, Options, Report};

/// Two pages of chapter 2 (the one search must find), to keep the test short.
const PAGES: [&str; 2] = ["ch02-send/index.html", "ch02-send/send.html"];

fn chromium() -> Option<PathBuf> {
    match browser::find_chromium() {
        Ok(exe) => Some(exe),
        Err(why) if std::env::var("WB_REQUIRE_BROWSER").is_ok_and(|v| v == "1") => {
            panic!("{why}, and WB_REQUIRE_BROWSER=1 says the browser tests must run")
        }
        Err(why) => {
            eprintln!("SKIPPED: the browser check was not tested: {why}");
            None
        }
    }
}

fn check(build_dir: &Path, chromium: &Path) -> Report {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    browser::check(&Options {
        build_dir: build_dir.to_path_buf(),
        summary: root.join("book/src/SUMMARY.md"),
        chromium: chromium.to_path_buf(),
        artefacts: None,
        only: Some(PAGES.iter().map(|p| p.to_string()).collect()),
    })
    .expect("the browser check runs")
}

/// Changes the first link to another page of the book inside `<main>` of
/// `page` into a link to a page that does not exist; returns the new href.
fn break_a_link(page: &Path) -> String {
    let html = fs::read_to_string(page).unwrap();
    let main = html.find("<main>").expect("a <main>");
    let mut at = main;
    let (start, end) = loop {
        let start = at
            + html[at..]
                .find("href=\"")
                .expect("a link to a page in <main>")
            + 6;
        let end = start + html[start..].find('"').unwrap();
        let href = &html[start..end];
        if href.contains(".html") && !href.starts_with('#') && !href.contains("://") {
            break (start, end);
        }
        at = end;
    };
    let href = &html[start..end];
    let file_start = href.rfind('/').map_or(0, |i| i + 1);
    let broken = format!("{}broken-{}", &href[..file_start], &href[file_start..]);
    fs::write(page, format!("{}{broken}{}", &html[..start], &html[end..])).unwrap();
    broken
}

fn inject(page: &Path, html: &str) {
    let text = fs::read_to_string(page).unwrap();
    let text = text.replacen("</main>", &format!("{html}</main>"), 1);
    fs::write(page, text).unwrap();
}

fn mentions(report: &Report, words: &[&str]) -> bool {
    report
        .problems
        .iter()
        .any(|p| words.iter().all(|w| p.contains(w)))
}

#[test]
fn the_check_reports_what_was_broken_in_a_copy_of_the_book() {
    let Some(chromium) = chromium() else { return };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = tempfile::tempdir().unwrap();
    let build = dir.path().join("book");
    wb_book::build_book_into(&root.join("book"), Some(&build)).unwrap();

    let before = check(&build, &chromium);

    let broken = break_a_link(&build.join(PAGES[1]));
    inject(
        &build.join(PAGES[0]),
        concat!(
            "<script>throw new Error('injected by the test')</script>",
            "<img src=\"injected-missing.svg\" alt=\"\">",
            "<svg width=\"0\" height=\"0\"><title>injected empty</title></svg>",
            "<div id=\"injected-wide\" style=\"width: 2000px; height: 1px\"></div>",
        ),
    );
    let after = check(&build, &chromium);
    eprintln!(
        "on the broken copy the check reported:\n{:#?}",
        after.problems
    );

    let link = [
        PAGES[1],
        broken.trim_start_matches("../"),
        "does not exist (404)",
    ];
    let script = [PAGES[0], "uncaught exception", "injected by the test"];
    let picture = [PAGES[0], "injected-missing.svg"];
    let empty_svg = [PAGES[0], "\"injected empty\"", "renders at 0×0px"];
    let too_wide = [
        PAGES[0],
        "at 400px",
        "injected-wide",
        "past the window's 400px",
    ];
    for words in [&link[..], &script, &picture, &empty_svg, &too_wide] {
        assert!(
            !mentions(&before, words),
            "reported before anything was broken: {words:?}\n{:#?}",
            before.problems
        );
        assert!(
            mentions(&after, words),
            "the check did not report {words:?}; it reported:\n{:#?}",
            after.problems
        );
    }
    // The picture is reported twice over: its request failed, and it has no size.
    assert!(mentions(
        &after,
        &[PAGES[0], "injected-missing.svg", "renders at 0×0px"]
    ));
}
