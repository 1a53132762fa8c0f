//! `cargo run --release -p bench`: see `--help`, and the book's page
//! "How fast is our loop?".

use std::process::ExitCode;

use bench::cli::{self, Parsed};
use bench::{alloc, report, suite};

/// Every allocation counted, for the heap each task costs.
#[global_allocator]
static ALLOCATOR: alloc::Counting = alloc::Counting;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match cli::parse(&args) {
        Ok(Parsed::Run(options)) => options,
        Ok(Parsed::Help) => {
            println!("{}", cli::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(why) => {
            eprintln!("bench: {why}");
            return ExitCode::from(2);
        }
    };
    if cfg!(debug_assertions) {
        eprintln!(
            "bench: this is a debug build, and its numbers mean little: \
             cargo run --release -p bench"
        );
    }
    let results = suite::run(&options, |what| eprintln!("{what}"));
    let (table, json) = (report::table(&results), report::json(&results));
    for (path, text) in [(&options.table_out, &table), (&options.json_out, &json)] {
        if let Some(path) = path
            && let Err(error) = std::fs::write(path, text)
        {
            eprintln!("bench: could not write {}: {error}", path.display());
            return ExitCode::FAILURE;
        }
    }
    if options.json {
        print!("{json}");
    } else {
        eprintln!();
        print!("{table}");
    }
    ExitCode::SUCCESS
}
