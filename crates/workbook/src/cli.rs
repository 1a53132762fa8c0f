//! The command line, parsed into a [`Command`]: what each word means and
//! what is wrong with it, before any workbook is read. The names in it
//! (chapters, exercises, assignment files) are looked up when the command
//! runs (`lookup`).
//!
//! Written by hand rather than with clap: `cargo wb check` is a learner's
//! first command, and clap would add seconds to its first build (see
//! Cargo.toml).

use std::fmt;

use crate::grade::{self, Format};
use crate::verify;

pub const USAGE: &str = "\
cargo wb: the workbook's command line

  cargo wb                            your progress (solved, not yet, failing) and what is next
  cargo wb status [CHAPTER|EXERCISE]  the same, for part of the workbook
  cargo wb list                       the chapters and their exercises
  cargo wb check [CHAPTER|EXERCISE]   run the tests, then say which exercises pass
  cargo wb check EXERCISE --step      also draw your run, and step through it beside the expected one
                                      (a page in target/timelines; `--timeline` does the same)
  cargo wb check ... --verbose        also show what cargo and each test printed, raw
  cargo wb watch [CHAPTER] [--poll]   check on every save, one exercise at a time (Ctrl-C ends it)
  cargo wb hint EXERCISE [--all]      the next hint (or all of them)
  cargo wb reset EXERCISE             put the exercise file back as it came; yours is kept
  cargo wb reset --list [EXERCISE]    the versions reset kept
  cargo wb reset --restore EXERCISE [NAME]
                                      bring a kept version back (the newest if no NAME)
  cargo wb book [--open]              build the book into book/build (and open it)
  cargo wb doctor                     what is wrong with this copy of the workbook (a changed
                                      snapshot, a missing file…) and the command that fixes it

status, check and watch take --assignment FILE instead of CHAPTER: the
exercises an instructor assigned (see assignments/example.toml).

For instructors:
  cargo wb grade --assignment FILE [--format text|json|junit|markdown|csv]
                                      run an assignment's tests; each exercise and the score.
                                      Exit status 0 only when every exercise passes
  cargo wb grade --assignment FILE --submission DIR [--submission DIR2 ...] [--reports OUT]
                                      grade learners' exercise files in a clean copy of this
                                      workbook at its HEAD; DIR may hold a folder per learner;
                                      OUT gets each one's JSON and JUnit report
  cargo wb new-exercise CHAPTER ID --kind implement|predict|fix [--title T] [--page P.md]
                                      the files, test, module and manifest entry of a new exercise

For maintainers:
  cargo wb verify [--only CHECK,…]    everything CI checks; CHECKs: tooling, solutions,
                                      stubs, manifest, figures, book, python
  cargo wb bless CHAPTER              rewrite a chapter's snapshots from the solutions, then workbook.sums
  cargo wb bless --checksums          rewrite workbook.sums: the checksums of the files that decide results
  cargo wb bless --variants FILE      write the answer keys of an assignment's hidden tests from the solutions
  cargo wb plan                       rewrite the book's course plan from workbook.toml
  cargo wb figures                    redraw the book's timeline pictures from the solutions

A CHAPTER is a number (1), a slug (yield) or a crate name (ch01-yield);
an EXERCISE is an id from `cargo wb list`.";

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Help,
    List,
    /// `cargo wb` alone is `status` of everything.
    Status(Scope),
    Check {
        scope: Scope,
        /// `--timeline`: draw the run beside the expected one.
        timeline: bool,
        /// `--verbose`: cargo's and the tests' own output too.
        verbose: bool,
    },
    Watch {
        scope: Scope,
        /// `--poll`: look at the files instead of waiting for events.
        poll: bool,
    },
    Hint {
        exercise: String,
        /// `--all`: every hint, not the next one.
        all: bool,
    },
    Reset(Reset),
    Book {
        open: bool,
    },
    Doctor,
    Grade {
        assignment: String,
        format: Format,
        /// `--submission DIR` (again for more): grade these learners' files
        /// in a pristine copy of this workbook, instead of this copy.
        submissions: Vec<String>,
        /// `--reports DIR`: also each learner's JSON and JUnit report there.
        reports: Option<String>,
    },
    NewExercise {
        chapter: String,
        id: String,
        /// Checked with the rest of the request, once the workbook is read.
        kind: String,
        title: Option<String>,
        page: Option<String>,
    },
    Verify {
        /// Names from [`verify::CHECKS`], in the order given.
        checks: Vec<&'static str>,
    },
    /// `bless CHAPTER`: its snapshots, then workbook.sums; `bless
    /// --checksums`: workbook.sums only (`chapter` is `None`); `bless
    /// --variants ASSIGNMENT`: the answer keys of its hidden tests.
    Bless {
        chapter: Option<String>,
        variants: Option<String>,
    },
    Plan,
    Figures,
}

/// The exercises `status`, `check` and `watch` are about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Everything,
    /// A chapter or an exercise, by name.
    Named(String),
    /// The exercises of an instructor's assignment file.
    Assignment(String),
}

/// What `reset` does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reset {
    /// `reset EXERCISE`: the file as it came.
    Original(String),
    /// `reset --list [EXERCISE]`: the versions kept.
    List(Option<String>),
    /// `reset --restore EXERCISE [NAME]`: a kept version back.
    Restore {
        exercise: String,
        backup: Option<String>,
    },
}

/// A mistake on the command line: one line, exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn usage_error<T>(message: impl Into<String>) -> Result<T, UsageError> {
    Err(UsageError(message.into()))
}

/// The arguments after `cargo wb`. Each command takes its flags, then its
/// values, then its positional arguments, and then refuses what is left.
pub fn parse(args: &[String]) -> Result<Command, UsageError> {
    let Some((command, rest)) = args.split_first() else {
        return Ok(Command::Status(Scope::Everything));
    };
    let mut args = Args(rest.to_vec());
    let command = match command.as_str() {
        "help" | "-h" | "--help" => Command::Help,
        "list" => {
            args.done()?;
            Command::List
        }
        "status" => Command::Status(scope(&mut args)?),
        "check" => {
            // `--step` is the same: the picture and the steppers come together.
            let timeline = args.flag("--timeline") | args.flag("--step");
            let verbose = args.flag("--verbose");
            Command::Check {
                scope: scope(&mut args)?,
                timeline,
                verbose,
            }
        }
        "watch" => {
            let poll = args.flag("--poll");
            Command::Watch {
                scope: scope(&mut args)?,
                poll,
            }
        }
        "reset" => Command::Reset(reset(&mut args)?),
        "grade" => {
            let format = args.value("--format")?;
            let submissions = args.values("--submission")?;
            let reports = args.value("--reports")?;
            if reports.is_some() && submissions.is_empty() {
                return usage_error(
                    "--reports DIR writes each submission's reports: it needs --submission",
                );
            }
            let Some(assignment) = args.value("--assignment")? else {
                return usage_error(
                    "which assignment? `cargo wb grade --assignment FILE` (see assignments/example.toml)",
                );
            };
            args.done()?;
            let format = match format.as_deref() {
                None => Format::Text,
                Some(name) => match Format::parse(name) {
                    Some(f) => f,
                    None => {
                        return usage_error(format!(
                            "there is no format `{name}`; the formats are {}",
                            grade::FORMATS
                        ));
                    }
                },
            };
            Command::Grade {
                assignment,
                format,
                submissions,
                reports,
            }
        }
        "new-exercise" => {
            let kind = args.value("--kind")?;
            let title = args.value("--title")?;
            let page = args.value("--page")?;
            let chapter = args.positional()?;
            let id = args.positional()?;
            args.done()?;
            let (Some(chapter), Some(id), Some(kind)) = (chapter, id, kind) else {
                return usage_error(
                    "`cargo wb new-exercise CHAPTER ID --kind implement|predict|fix`",
                );
            };
            Command::NewExercise {
                chapter,
                id,
                kind,
                title,
                page,
            }
        }
        "hint" => {
            let all = args.flag("--all");
            let Some(exercise) = args.positional()? else {
                return usage_error(
                    "which exercise? `cargo wb hint EXERCISE` (ids: `cargo wb list`)",
                );
            };
            args.done()?;
            Command::Hint { exercise, all }
        }
        "book" => {
            let open = args.flag("--open");
            args.done()?;
            Command::Book { open }
        }
        "plan" => {
            args.done()?;
            Command::Plan
        }
        "verify" => {
            let only = args.value("--only")?;
            args.done()?;
            let checks = match only {
                None => verify::CHECKS.to_vec(),
                Some(list) => list
                    .split(',')
                    .map(|name| verify::find_check(name).map_err(UsageError))
                    .collect::<Result<_, _>>()?,
            };
            Command::Verify { checks }
        }
        "figures" => {
            args.done()?;
            Command::Figures
        }
        "doctor" => {
            args.done()?;
            Command::Doctor
        }
        "bless" => {
            let checksums = args.flag("--checksums");
            let variants = args.value("--variants")?;
            let chapter = args.positional()?;
            args.done()?;
            if variants.is_some() {
                if chapter.is_some() || checksums {
                    return usage_error(
                        "`bless --variants ASSIGNMENT` blesses only the assignment's hidden tests",
                    );
                }
                return Ok(Command::Bless {
                    chapter: None,
                    variants,
                });
            }
            match (chapter, checksums) {
                (None, false) => {
                    return usage_error(
                        "which chapter? `cargo wb bless CHAPTER` (or `cargo wb bless --checksums` for workbook.sums only)",
                    );
                }
                (Some(_), true) => {
                    return usage_error(
                        "`bless CHAPTER` rewrites workbook.sums too: --checksums is for workbook.sums alone",
                    );
                }
                (chapter, _) => Command::Bless {
                    chapter,
                    variants: None,
                },
            }
        }
        other => {
            return usage_error(format!(
                "there is no command `{other}`; the commands are status, list, check, watch, hint, reset, book, doctor, grade, new-exercise, verify, bless, plan and figures (`cargo wb help`)"
            ));
        }
    };
    Ok(command)
}

/// `[CHAPTER|EXERCISE]` or `--assignment FILE`, and nothing else.
fn scope(args: &mut Args) -> Result<Scope, UsageError> {
    let assignment = args.value("--assignment")?;
    let name = args.positional()?;
    args.done()?;
    match (assignment, name) {
        (Some(_), Some(name)) => {
            usage_error(format!("give either `{name}` or --assignment, not both"))
        }
        (Some(file), None) => Ok(Scope::Assignment(file)),
        (None, Some(name)) => Ok(Scope::Named(name)),
        (None, None) => Ok(Scope::Everything),
    }
}

fn reset(args: &mut Args) -> Result<Reset, UsageError> {
    let list = args.flag("--list");
    let restore = args.flag("--restore");
    let first = args.positional()?;
    let second = args.positional()?;
    args.done()?;
    match (list, restore, first, second) {
        (true, true, ..) => usage_error("--list or --restore, not both"),
        (true, false, exercise, None) => Ok(Reset::List(exercise)),
        (false, true, Some(exercise), backup) => Ok(Reset::Restore { exercise, backup }),
        (false, false, Some(exercise), None) => Ok(Reset::Original(exercise)),
        (_, _, None, _) => {
            usage_error("which exercise? `cargo wb reset EXERCISE` (ids: `cargo wb list`)")
        }
        (_, _, Some(_), Some(extra)) => {
            usage_error(format!("unexpected `{extra}` (`cargo wb help`)"))
        }
    }
}

/// The arguments after the command, taken one kind at a time.
struct Args(Vec<String>);

impl Args {
    fn flag(&mut self, name: &str) -> bool {
        let before = self.0.len();
        self.0.retain(|a| a != name);
        self.0.len() != before
    }

    /// Every `--name X` and `--name=X`, in the order given.
    fn values(&mut self, name: &str) -> Result<Vec<String>, UsageError> {
        let prefix = format!("{name}=");
        let mut found = Vec::new();
        let mut i = 0;
        while i < self.0.len() {
            if let Some(value) = self.0[i].strip_prefix(&prefix) {
                found.push(value.to_string());
                self.0.remove(i);
            } else if self.0[i] == name {
                if i + 1 == self.0.len() {
                    return usage_error(format!("{name} needs a value"));
                }
                self.0.remove(i);
                found.push(self.0.remove(i));
            } else {
                i += 1;
            }
        }
        Ok(found)
    }

    /// `--only a,b` or `--only=a,b`.
    fn value(&mut self, name: &str) -> Result<Option<String>, UsageError> {
        let prefix = format!("{name}=");
        if let Some(i) = self.0.iter().position(|a| a.starts_with(&prefix)) {
            return Ok(Some(self.0.remove(i)[prefix.len()..].to_string()));
        }
        let Some(i) = self.0.iter().position(|a| a == name) else {
            return Ok(None);
        };
        if i + 1 == self.0.len() {
            return usage_error(format!("{name} needs a value"));
        }
        self.0.remove(i);
        Ok(Some(self.0.remove(i)))
    }

    fn positional(&mut self) -> Result<Option<String>, UsageError> {
        match self.0.first() {
            Some(a) if a.starts_with('-') => {
                usage_error(format!("unknown option `{a}` (`cargo wb help`)"))
            }
            Some(_) => Ok(Some(self.0.remove(0))),
            None => Ok(None),
        }
    }

    fn done(&self) -> Result<(), UsageError> {
        match self.0.first() {
            None => Ok(()),
            Some(a) if a.starts_with('-') => {
                usage_error(format!("unknown option `{a}` (`cargo wb help`)"))
            }
            Some(a) => usage_error(format!("unexpected `{a}` (`cargo wb help`)")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_line(line: &str) -> Result<Command, UsageError> {
        let args: Vec<String> = line.split_whitespace().map(String::from).collect();
        parse(&args)
    }

    #[track_caller]
    fn parses(line: &str, command: Command) {
        assert_eq!(parse_line(line), Ok(command), "`cargo wb {line}`");
    }

    #[track_caller]
    fn refuses(line: &str, message: &str) {
        assert_eq!(
            parse_line(line),
            Err(UsageError(message.into())),
            "`cargo wb {line}`"
        );
    }

    fn named(name: &str) -> Scope {
        Scope::Named(name.into())
    }

    #[test]
    fn no_command_is_the_status_of_everything() {
        parses("", Command::Status(Scope::Everything));
    }

    #[test]
    fn help_takes_any_arguments() {
        for line in ["help", "-h", "--help", "help me --now"] {
            parses(line, Command::Help);
        }
    }

    #[test]
    fn unknown_commands_list_the_known_ones() {
        refuses(
            "stats",
            "there is no command `stats`; the commands are status, list, check, watch, hint, reset, book, doctor, grade, new-exercise, verify, bless, plan and figures (`cargo wb help`)",
        );
    }

    #[test]
    fn commands_without_arguments_refuse_any() {
        for (line, command) in [
            ("list", Command::List),
            ("plan", Command::Plan),
            ("figures", Command::Figures),
            ("doctor", Command::Doctor),
        ] {
            parses(line, command);
            refuses(
                &format!("{line} extra"),
                "unexpected `extra` (`cargo wb help`)",
            );
            refuses(
                &format!("{line} --x"),
                "unknown option `--x` (`cargo wb help`)",
            );
        }
    }

    #[test]
    fn status_takes_a_name_or_an_assignment() {
        parses("status", Command::Status(Scope::Everything));
        parses("status 4", Command::Status(named("4")));
        for line in ["status --assignment a.toml", "status --assignment=a.toml"] {
            parses(line, Command::Status(Scope::Assignment("a.toml".into())));
        }
        refuses(
            "status hello --assignment a.toml",
            "give either `hello` or --assignment, not both",
        );
        refuses("status --assignment", "--assignment needs a value");
        refuses("status 1 2", "unexpected `2` (`cargo wb help`)");
        // A flag of another command is unknown here.
        refuses("status --poll", "unknown option `--poll` (`cargo wb help`)");
    }

    #[test]
    fn check_and_watch_have_a_flag_each() {
        parses(
            "check hello --timeline",
            Command::Check {
                scope: named("hello"),
                timeline: true,
                verbose: false,
            },
        );
        parses(
            "check hello --step",
            Command::Check {
                scope: named("hello"),
                timeline: true,
                verbose: false,
            },
        );
        parses(
            "check --assignment a.toml",
            Command::Check {
                scope: Scope::Assignment("a.toml".into()),
                timeline: false,
                verbose: false,
            },
        );
        parses(
            "watch 1 --poll",
            Command::Watch {
                scope: named("1"),
                poll: true,
            },
        );
        parses(
            "watch",
            Command::Watch {
                scope: Scope::Everything,
                poll: false,
            },
        );
        refuses("check --poll", "unknown option `--poll` (`cargo wb help`)");
        refuses(
            "watch --timeline",
            "unknown option `--timeline` (`cargo wb help`)",
        );
        refuses(
            "check hello --bogus",
            "unknown option `--bogus` (`cargo wb help`)",
        );
    }

    #[test]
    fn hint_needs_an_exercise() {
        parses(
            "hint hello",
            Command::Hint {
                exercise: "hello".into(),
                all: false,
            },
        );
        parses(
            "hint --all hello",
            Command::Hint {
                exercise: "hello".into(),
                all: true,
            },
        );
        for line in ["hint", "hint --all"] {
            refuses(
                line,
                "which exercise? `cargo wb hint EXERCISE` (ids: `cargo wb list`)",
            );
        }
        refuses("hint hello extra", "unexpected `extra` (`cargo wb help`)");
        refuses(
            "hint --nope hello",
            "unknown option `--nope` (`cargo wb help`)",
        );
    }

    #[test]
    fn reset_resets_lists_or_restores() {
        parses(
            "reset hello",
            Command::Reset(Reset::Original("hello".into())),
        );
        parses("reset --list", Command::Reset(Reset::List(None)));
        parses(
            "reset --list hello",
            Command::Reset(Reset::List(Some("hello".into()))),
        );
        parses(
            "reset --restore hello",
            Command::Reset(Reset::Restore {
                exercise: "hello".into(),
                backup: None,
            }),
        );
        parses(
            "reset --restore hello 2026-03-14T09-05-00Z",
            Command::Reset(Reset::Restore {
                exercise: "hello".into(),
                backup: Some("2026-03-14T09-05-00Z".into()),
            }),
        );
        let which = "which exercise? `cargo wb reset EXERCISE` (ids: `cargo wb list`)";
        refuses("reset", which);
        refuses("reset --restore", which);
        refuses(
            "reset --list --restore hello",
            "--list or --restore, not both",
        );
        refuses("reset hello extra", "unexpected `extra` (`cargo wb help`)");
        refuses(
            "reset --list hello extra",
            "unexpected `extra` (`cargo wb help`)",
        );
        refuses("reset hello a b", "unexpected `b` (`cargo wb help`)");
        refuses("reset -x", "unknown option `-x` (`cargo wb help`)");
    }

    #[test]
    fn book_may_open_it() {
        parses("book", Command::Book { open: false });
        parses("book --open", Command::Book { open: true });
        refuses("book --nope", "unknown option `--nope` (`cargo wb help`)");
    }

    #[test]
    fn grade_needs_an_assignment_and_knows_its_formats() {
        let graded = |format| Command::Grade {
            assignment: "a.toml".into(),
            format,
            submissions: Vec::new(),
            reports: None,
        };
        parses(
            "grade --assignment a.toml --submission ann --submission=bo",
            Command::Grade {
                assignment: "a.toml".into(),
                format: Format::Text,
                submissions: vec!["ann".into(), "bo".into()],
                reports: None,
            },
        );
        parses("grade --assignment a.toml", graded(Format::Text));
        parses(
            "grade --assignment a.toml --format json",
            graded(Format::Json),
        );
        parses(
            "grade --format=xml --assignment=a.toml",
            graded(Format::Junit),
        );
        parses(
            "grade --assignment a.toml --format md",
            graded(Format::Markdown),
        );
        refuses(
            "grade",
            "which assignment? `cargo wb grade --assignment FILE` (see assignments/example.toml)",
        );
        refuses(
            "grade --assignment a.toml --format yaml",
            "there is no format `yaml`; the formats are text, json, junit, markdown, csv",
        );
        refuses("grade --format", "--format needs a value");
        refuses(
            "grade --assignment a.toml extra",
            "unexpected `extra` (`cargo wb help`)",
        );
    }

    #[test]
    fn new_exercise_needs_a_chapter_an_id_and_a_kind() {
        parses(
            "new-exercise 1 fresh --kind fix --title T --page p.md",
            Command::NewExercise {
                chapter: "1".into(),
                id: "fresh".into(),
                kind: "fix".into(),
                title: Some("T".into()),
                page: Some("p.md".into()),
            },
        );
        // The kind is checked with the request, against the workbook.
        parses(
            "new-exercise 1 fresh --kind guess",
            Command::NewExercise {
                chapter: "1".into(),
                id: "fresh".into(),
                kind: "guess".into(),
                title: None,
                page: None,
            },
        );
        for line in ["new-exercise", "new-exercise 1", "new-exercise 1 fresh"] {
            refuses(
                line,
                "`cargo wb new-exercise CHAPTER ID --kind implement|predict|fix`",
            );
        }
        refuses("new-exercise 1 x --title", "--title needs a value");
        refuses(
            "new-exercise 1 x --kind fix extra",
            "unexpected `extra` (`cargo wb help`)",
        );
    }

    #[test]
    fn verify_runs_every_check_or_those_named() {
        parses(
            "verify",
            Command::Verify {
                checks: verify::CHECKS.to_vec(),
            },
        );
        parses(
            "verify --only stubs,tooling",
            Command::Verify {
                checks: vec!["stubs", "tooling"],
            },
        );
        refuses("verify --only", "--only needs a value");
        refuses(
            "verify --only stubs,nope",
            "there is no check `nope`; the checks are tooling, solutions, stubs, manifest, figures, book, python, browser",
        );
        refuses("verify extra", "unexpected `extra` (`cargo wb help`)");
    }

    #[test]
    fn bless_needs_a_chapter() {
        parses(
            "bless 1",
            Command::Bless {
                chapter: Some("1".into()),
                variants: None,
            },
        );
        parses(
            "bless --checksums",
            Command::Bless {
                chapter: None,
                variants: None,
            },
        );
        parses(
            "bless --variants a.toml",
            Command::Bless {
                chapter: None,
                variants: Some("a.toml".into()),
            },
        );
        refuses(
            "bless",
            "which chapter? `cargo wb bless CHAPTER` (or `cargo wb bless --checksums` for workbook.sums only)",
        );
        refuses(
            "bless 1 --checksums",
            "`bless CHAPTER` rewrites workbook.sums too: --checksums is for workbook.sums alone",
        );
        refuses("bless 1 2", "unexpected `2` (`cargo wb help`)");
        refuses("bless --x", "unknown option `--x` (`cargo wb help`)");
    }
}
