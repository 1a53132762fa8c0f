//! `cargo run -q -p wb-book -- build [--open]`: builds the workbook's book
//! (book/ into book/build/) and prints where its index.html is.
//! `cargo run -q -p wb-book -- check-browser`: the browser check of
//! `cargo wb verify` (see `wb_book::browser`).

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use wb_book::browser;

const USAGE: &str = "\
usage: wb-book build [--open]
       wb-book check-browser [PAGE...]

build: builds the book of the workbook you are in (book/ into book/build/)
and prints the path of its index.html. --open also opens it in your browser.
Any mdBook warning or error (a missing {{#include}} file, an unclosed HTML
tag, a page listed in SUMMARY.md that does not exist) fails the build.

check-browser: builds the book into target/browser-check/book and checks it
in headless Chromium: every page loads without a console error, its SVG
pictures render, nothing overflows at 1280px or 400px, search finds chapter
2, the print page holds every chapter, every link inside the book resolves.
PAGEs (like ch02-send/send.html) limit the pages loaded. Screenshots go to
target/browser-check/. Exits 0 if all is well, 1 if not, and 77 (skipped)
if there is no Chromium, unless WB_REQUIRE_BROWSER=1.";

/// The exit code of a check that did not run (automake's convention).
const SKIPPED: u8 = 77;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let open = match args.as_slice() {
        ["build"] => false,
        ["build", "--open"] | ["--open", "build"] => true,
        ["check-browser", pages @ ..] if !pages.iter().any(|p| p.starts_with('-')) => {
            return check_browser(pages);
        }
        ["-h" | "--help" | "help", ..] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        [] => {
            eprintln!("error: which command? (build or check-browser)\n\n{USAGE}");
            return ExitCode::from(2);
        }
        _ => {
            eprintln!("error: unexpected `{}`\n\n{USAGE}", args.join(" "));
            return ExitCode::from(2);
        }
    };

    let root = match root() {
        Ok(root) => root,
        Err(code) => return code,
    };
    let index = match wb_book::build(&root) {
        Ok(index) => index,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("The book is built: {}", index.display());
    if open && let Err(e) = wb_book::open(&index) {
        eprintln!("warning: {e}; open the file above in your browser yourself.");
    }
    ExitCode::SUCCESS
}

fn root() -> Result<std::path::PathBuf, ExitCode> {
    let cwd = std::env::current_dir().map_err(|e| {
        eprintln!("error: cannot read the current folder: {e}");
        ExitCode::FAILURE
    })?;
    wb_book::find_root(&cwd).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::FAILURE
    })
}

/// Prints one line a problem, each starting with "- ", then a last line
/// that sums up (what `cargo wb verify` shows).
fn check_browser(pages: &[&str]) -> ExitCode {
    let started = Instant::now();
    let chromium = match browser::find_chromium() {
        Ok(exe) => exe,
        Err(why) if std::env::var("WB_REQUIRE_BROWSER").is_ok_and(|v| v == "1") => {
            println!("- {why}, and WB_REQUIRE_BROWSER=1 says the browser check must run");
            return ExitCode::FAILURE;
        }
        Err(why) => {
            println!("skipped: {why}");
            return ExitCode::from(SKIPPED);
        }
    };
    let root = match root() {
        Ok(root) => root,
        Err(code) => return code,
    };
    let out = root.join("target/browser-check");
    let book = out.join("book");
    if let Err(e) = wb_book::build_book_into(&root.join("book"), Some(&book)) {
        println!("- the book does not build:\n{e}");
        return ExitCode::FAILURE;
    }
    let options = browser::Options {
        build_dir: book,
        summary: root.join("book/src/SUMMARY.md"),
        chromium,
        artefacts: Some(out.clone()),
        only: (!pages.is_empty()).then(|| pages.iter().map(|p| p.to_string()).collect()),
    };
    eprintln!(
        "browser check: {} ({} and a server on 127.0.0.1)",
        rel(&root, &out),
        options.chromium.display()
    );
    let report = match browser::check(&options) {
        Ok(report) => report,
        Err(e) => {
            println!("- the browser check could not run: {e}");
            return ExitCode::FAILURE;
        }
    };
    for problem in &report.problems {
        println!("- {problem}");
    }
    let shots: Vec<String> = report.screenshots.iter().map(|s| rel(&root, s)).collect();
    let shots = if shots.is_empty() {
        String::new()
    } else {
        format!("; screenshots: {}", shots.join(", "))
    };
    if !shots.is_empty() {
        eprintln!("browser check{shots}");
    }
    let took = started.elapsed().as_secs_f64();
    if report.problems.is_empty() {
        println!("{}{shots} ({took:.0}s)", report.summary);
        ExitCode::SUCCESS
    } else {
        println!(
            "{} problems in the browser{shots} ({took:.0}s)",
            report.problems.len()
        );
        ExitCode::FAILURE
    }
}

fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}
