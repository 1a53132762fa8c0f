//! `cargo wb bless CHAPTER`: rewrite a chapter's snapshots from the
//! reference solutions, and keep its changed stubs as the originals.

use std::process::{Command, ExitCode};

use anyhow::{Context, Result};
use manifest::{Chapter, Exercise, Workbook};

use crate::cargo;
use crate::cli::UsageError;
use crate::lookup::{self, Target};
use crate::progress::{self, State};
use crate::style;

pub fn run(wb: &Workbook, name: &str) -> Result<ExitCode> {
    let chapter = match lookup::find(wb, name)? {
        Target::Chapter(c) if c.has_crate() => c,
        Target::Chapter(c) => {
            return Err(UsageError(format!(
                "chapter {} has no exercises, so no snapshots to bless",
                c.number
            ))
            .into());
        }
        Target::Exercise(c, _) => {
            return Err(UsageError(format!(
                "bless takes a chapter (`cargo wb bless {}`): it rewrites all of its snapshots",
                c.number
            ))
            .into());
        }
    };
    bless(wb, chapter)
}

/// Rewrite a chapter's snapshots from the reference solutions. Insta
/// writes only with INSTA_UPDATE, which .cargo/config.toml forces to `no`;
/// a `--config` on the command line is the one thing that wins over it.
fn bless(wb: &Workbook, chapter: &Chapter) -> Result<ExitCode> {
    let name = chapter.crate_name();
    let args = [
        "-p",
        &name,
        "--features",
        "solutions",
        "--no-fail-fast",
        "--config",
        r#"env.INSTA_UPDATE.value="always""#,
        // Rewrite headers too (a changed description), not only bodies.
        "--config",
        r#"env.INSTA_FORCE_UPDATE.value="1""#,
    ];
    let run = cargo::test(&wb.root, &args, cargo::Show::Stream)?;
    let snapshots = format!("crates/{name}/snapshots");
    println!("\nChanged snapshots (git status --short {snapshots}):");
    let status = Command::new("git")
        .args(["status", "--short", "--", &snapshots])
        .current_dir(&wb.root)
        .output();
    match status {
        Ok(out) if out.status.success() && out.stdout.is_empty() => {
            println!("  none: every snapshot already said that.")
        }
        Ok(out) if out.status.success() => print!("{}", String::from_utf8_lossy(&out.stdout)),
        _ => println!("  (git could not tell; compare {snapshots} with your last commit yourself)"),
    }
    println!(
        "\nSnapshots are the answer key. Read every changed .snap line by line (`git diff {snapshots}`)\n\
         before you commit: each line is an event a learner's code must produce, in that order."
    );
    save_originals(wb, chapter)?;
    if run.success {
        Ok(ExitCode::SUCCESS)
    } else {
        println!(
            "{}",
            style::red(
                "Some tests failed even while blessing: a solution panics or never finishes (see above)."
            )
        );
        Ok(ExitCode::FAILURE)
    }
}

/// Copy the chapter's exercise files that changed to `stubs/`, where
/// `cargo wb reset` finds the originals; only files that fail their tests,
/// so that a solved file never becomes an original.
fn save_originals(wb: &Workbook, chapter: &Chapter) -> Result<()> {
    let root = &wb.root;
    let changed: Vec<&Exercise> = chapter
        .exercises
        .iter()
        .filter(|e| {
            let file = std::fs::read(chapter.exercise_file(root, e)).ok();
            file.is_some() && file != std::fs::read(chapter.stub_file(root, e)).ok()
        })
        .collect();
    if changed.is_empty() {
        println!(
            "\nThe originals in stubs/{} already equal the exercise files.",
            chapter.folder_name()
        );
        return Ok(());
    }
    println!(
        "\nThe stubs that changed go to stubs/{} (what `cargo wb reset` restores), if they fail their tests:",
        chapter.folder_name()
    );
    let selection = vec![(chapter, changed.clone())];
    let ran = progress::run_tests(wb, &selection)?;
    for exercise in changed {
        let (from, to) = (
            chapter.exercise_file(root, exercise),
            chapter.stub_file(root, exercise),
        );
        let shown = chapter.exercise_path_for_humans(exercise);
        if ran.state(wb, chapter, exercise) == Some(State::Failing) {
            std::fs::create_dir_all(to.parent().expect("stubs/<chapter>/"))?;
            std::fs::copy(&from, &to).with_context(|| format!("cannot copy {shown}"))?;
            println!("  copied {shown}");
        } else {
            println!(
                "  {} {shown}: it does not fail its tests (or does not compile), so it is not a stub",
                style::red("not copied")
            );
        }
    }
    Ok(())
}

/// Write the answer keys of an assignment's hidden tests
/// (`assignments/<name>.variants/<snapshot>.snap`) from what the reference
/// solutions say in them.
pub fn variants(wb: &Workbook, assignment: &crate::assignment::Assignment) -> Result<ExitCode> {
    let Some(variants) = progress::Variants::of(&assignment.file) else {
        let dir = assignment.file.with_extension("variants");
        return Err(UsageError(format!(
            "{} has no hidden tests: they go in {}/<chapter crate>.rs (see docs/authoring.md)",
            assignment.file.display(),
            dir.display()
        ))
        .into());
    };
    let selection = assignment.selection(wb);
    let ran =
        progress::run_tests_with(wb, &selection, progress::Files::Solutions, Some(&variants))?;
    let mut failed = false;
    let mut written = 0;
    for (chapter, exercises) in &selection {
        for exercise in exercises {
            for key in ran.hidden_tests(exercise) {
                let test = key.trim_start_matches("hidden:");
                match ran.test(key).and_then(|j| j.finished.as_ref()) {
                    Some((snapshot, trace)) => {
                        let file = variants.dir.join(format!("{snapshot}.snap"));
                        let text = format!(
                            "---\nsource: {}.rs\ndescription: \"Expected trace of a hidden test of exercise `{}`. The answer key: do not edit.\"\n---\n{}\n",
                            chapter.crate_name(),
                            exercise.id,
                            trace.trim_end()
                        );
                        let changed =
                            std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str());
                        if changed {
                            std::fs::write(&file, text)
                                .with_context(|| format!("cannot write {}", file.display()))?;
                        }
                        written += 1;
                        println!(
                            "  {} {test}: {}",
                            if changed { "wrote" } else { "same " },
                            file.display()
                        );
                    }
                    None => {
                        failed = true;
                        let why = ran.told(wb, chapter, exercise).failures.join("\n");
                        println!(
                            "  {} {test}: the solution did not finish:\n{why}",
                            style::red("failed")
                        );
                    }
                }
            }
        }
    }
    println!(
        "\n{written} answer key(s) in {}. Read each line of each: it is what a learner's code must say, in order.",
        variants.dir.display()
    );
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
