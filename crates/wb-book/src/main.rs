//! `cargo run -q -p wb-book -- build [--open]`: builds the workbook's book
//! (book/ into book/build/) and prints where its index.html is.

use std::process::ExitCode;

const USAGE: &str = "\
usage: wb-book build [--open]

Builds the book of the workbook you are in (book/ into book/build/) and prints
the path of its index.html. --open also opens it in your browser.
Any mdBook warning or error (a missing {{#include}} file, an unclosed HTML
tag, a page listed in SUMMARY.md that does not exist) fails the build.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let open = match args.as_slice() {
        ["build"] => false,
        ["build", "--open"] | ["--open", "build"] => true,
        ["-h" | "--help" | "help", ..] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        [] => {
            eprintln!("error: which command? (there is one: build)\n\n{USAGE}");
            return ExitCode::from(2);
        }
        _ => {
            eprintln!("error: unexpected `{}`\n\n{USAGE}", args.join(" "));
            return ExitCode::from(2);
        }
    };

    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(e) => {
            eprintln!("error: cannot read the current folder: {e}");
            return ExitCode::FAILURE;
        }
    };
    let index = match wb_book::find_root(&cwd).and_then(|root| wb_book::build(&root)) {
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
