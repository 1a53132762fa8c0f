//! The command line: `cargo run --release -p bench -- [OPTIONS]`.

use std::path::PathBuf;

pub const USAGE: &str = "\
How fast is our loop? genloop and aio against tokio's current-thread
runtime and CPython's asyncio, on four workloads, side by side.

usage: cargo run --release -p bench -- [OPTIONS]

  --quick            smaller workloads and 3 runs (a minute or so)
  --runs N           how many runs of each measurement (default 5; the
                     table shows medians; runs are interleaved)
  --json             print the results as JSON instead of the table
  --only NAMES       only these workloads: ping,sleepers,send,echo
  --python CMD       the Python to compare with (default python3; if it is
                     not there, the table says so and goes on without it)
  --table-out FILE   also write the table to FILE
  --json-out FILE    also write the JSON to FILE
  -h, --help         this text

The book's page (book/src/performance.md) includes the table that
  cargo run --release -p bench -- --table-out crates/bench/results/table.txt \\
      --json-out crates/bench/results/results.json
wrote.";

pub const WORKLOADS: [&str; 4] = ["ping", "sleepers", "send", "echo"];

#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    pub quick: bool,
    pub runs: usize,
    pub json: bool,
    pub only: Vec<String>,
    pub python: String,
    pub table_out: Option<PathBuf>,
    pub json_out: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            quick: false,
            runs: 5,
            json: false,
            only: WORKLOADS.iter().map(|w| w.to_string()).collect(),
            python: "python3".into(),
            table_out: None,
            json_out: None,
        }
    }
}

/// What the command line asks for.
#[derive(Debug, PartialEq)]
pub enum Parsed {
    Run(Options),
    Help,
}

/// Read the arguments (without the program's name).
pub fn parse(args: &[String]) -> Result<Parsed, String> {
    let mut options = Options::default();
    let mut runs_given = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "--quick" => options.quick = true,
            "--json" => options.json = true,
            "--runs" => {
                let n = value("--runs")?;
                options.runs = match n.parse() {
                    Ok(n) if n > 0 => n,
                    _ => return Err(format!("--runs takes a number above 0, not {n:?}")),
                };
                runs_given = true;
            }
            "--only" => {
                let names = value("--only")?;
                options.only = Vec::new();
                for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    if !WORKLOADS.contains(&name) {
                        return Err(format!(
                            "there is no workload {name:?}; the workloads are {}",
                            WORKLOADS.join(", ")
                        ));
                    }
                    options.only.push(name.to_string());
                }
            }
            "--python" => options.python = value("--python")?,
            "--table-out" => options.table_out = Some(value("--table-out")?.into()),
            "--json-out" => options.json_out = Some(value("--json-out")?.into()),
            other => return Err(format!("unknown option {other:?} (--help lists them)")),
        }
    }
    if options.quick && !runs_given {
        options.runs = 3;
    }
    Ok(Parsed::Run(options))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(args: &[&str]) -> Result<Parsed, String> {
        parse(&args.iter().map(|a| a.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn defaults_and_quick() {
        let Parsed::Run(options) = parsed(&[]).unwrap() else {
            panic!()
        };
        assert_eq!(options, Options::default());
        let Parsed::Run(options) = parsed(&["--quick", "--json"]).unwrap() else {
            panic!()
        };
        assert!(options.quick && options.json);
        assert_eq!(options.runs, 3);
        let Parsed::Run(options) = parsed(&["--runs", "7", "--quick"]).unwrap() else {
            panic!()
        };
        assert_eq!(options.runs, 7);
    }

    #[test]
    fn bad_arguments_say_what_is_wrong() {
        assert!(
            parsed(&["--only", "pong"])
                .unwrap_err()
                .contains("ping, sleepers")
        );
        assert!(parsed(&["--runs", "0"]).unwrap_err().contains("above 0"));
        assert!(parsed(&["--runs"]).unwrap_err().contains("needs a value"));
        assert!(parsed(&["--fast"]).unwrap_err().contains("unknown option"));
        assert_eq!(
            parsed(&["--only", "send,echo", "-h"]).unwrap(),
            Parsed::Help
        );
    }
}
