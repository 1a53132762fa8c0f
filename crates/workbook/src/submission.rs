//! `cargo wb grade --assignment FILE --submission DIR …`: grade learners'
//! work in a copy of the workbook the instructor trusts.
//!
//! The copy is the instructor's own checkout at its `HEAD` (a git worktree
//! in `target/wb-grading/workbook`, made once and reset to `HEAD` for each
//! submission). Only the exercise files the manifest names are taken from a
//! submission; everything that decides a result (tests, snapshots,
//! manifests, `Cargo.toml`s, `.cargo/config.toml`, build scripts, the
//! harness) comes from the copy. Files a submission changed elsewhere are
//! listed in its report as ignored. The copy keeps one build directory, so
//! only the exercise files recompile from one submission to the next.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, Result, bail};
use manifest::Workbook;

use crate::assignment::Assignment;
use crate::grade::{self, Format, Provenance};
use crate::progress;

/// Where the trusted copy lives, under the instructor's workbook.
const COPY: &str = "target/wb-grading/workbook";

pub fn grade_all(
    wb: &Workbook,
    assignment: &Assignment,
    format: Format,
    submissions: &[String],
    reports: Option<&str>,
) -> Result<ExitCode> {
    let dirs = submission_dirs(submissions)?;
    let (copy, commit) = trusted_copy(&wb.root)?;
    // The copy's build stays its own (a shared one could mix up copies).
    // SAFETY: `cargo wb` has one thread until here; cargo inherits it.
    unsafe { std::env::set_var("CARGO_TARGET_DIR", copy.join("target")) };
    if format == Format::Junit && dirs.len() > 1 {
        bail!(
            "a JUnit report is one learner's: grade {} submissions one at a time, or use --format csv, markdown or json for the class",
            dirs.len()
        );
    }
    let mut class = Vec::new();
    let mut all_pass = true;
    // The manifest the copy has: the one every submission is graded by.
    reset_copy(&copy, &commit)?;
    let pristine = Workbook::load(&copy)?;
    let text = std::fs::read_to_string(&assignment.file)
        .with_context(|| format!("cannot read {}", assignment.file.display()))?;
    let graded_assignment = Assignment::parse(&pristine, &assignment.file, &text)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let selection = graded_assignment.selection(&pristine);
    // Hidden tests stay the instructor's: from this checkout, never a copy.
    let variants = progress::Variants::of(&assignment.file);
    for dir in &dirs {
        reset_copy(&copy, &commit)?;
        let ignored = take_exercise_files(&pristine, dir, &graded_assignment)?;
        let ran = progress::run_tests_with(
            &pristine,
            &selection,
            progress::Files::Learner,
            variants.as_ref(),
        )?;
        let mut grades = grade::grade(&pristine, &graded_assignment, &selection, &ran);
        grades.provenance = Some(Provenance {
            submission: dir.display().to_string(),
            commit: commit.clone(),
            ignored,
        });
        all_pass &= grades.all_pass();
        if let Some(out) = reports {
            let learner = dir
                .file_name()
                .map_or("submission".into(), |n| n.to_string_lossy().into_owned());
            std::fs::create_dir_all(out).with_context(|| format!("cannot create {out}"))?;
            for (ext, format) in [("json", Format::Json), ("xml", Format::Junit)] {
                let file = Path::new(out).join(format!("{learner}.{ext}"));
                std::fs::write(&file, grade::render(&grades, format))
                    .with_context(|| format!("cannot write {}", file.display()))?;
            }
        }
        eprintln!(
            "graded {}: {} of {}",
            dir.display(),
            grade::number(grades.score()),
            grade::number(grades.max_score())
        );
        class.push(grades);
    }
    reset_copy(&copy, &commit)?;
    match format {
        Format::Csv => print!("{}", grade::class_csv(&class)),
        Format::Markdown if class.len() > 1 => print!("{}", grade::class_markdown(&class)),
        // Several JSON reports make one JSON array.
        Format::Json if class.len() > 1 => {
            let body: Vec<String> = class
                .iter()
                .map(|g| grade::render(g, format).trim_end().to_string())
                .collect();
            println!("[\n{}\n]", body.join(",\n"));
        }
        _ => {
            let reports: Vec<String> = class.iter().map(|g| grade::render(g, format)).collect();
            print!("{}", reports.join("\n"));
        }
    }
    Ok(if all_pass {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Each submission: a folder with a `workbook.toml`, or a folder of such
/// folders (a class's clones), in name order.
fn submission_dirs(given: &[String]) -> Result<Vec<PathBuf>> {
    let mut dirs = Vec::new();
    for name in given {
        let dir = PathBuf::from(name);
        if dir.join("workbook.toml").is_file() {
            dirs.push(dir);
            continue;
        }
        let mut inside: Vec<PathBuf> = std::fs::read_dir(&dir)
            .with_context(|| format!("cannot read the submission {name}"))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.join("workbook.toml").is_file())
            .collect();
        if inside.is_empty() {
            bail!("{name} is no submission: it has no workbook.toml, and no folder in it has one");
        }
        inside.sort();
        dirs.extend(inside);
    }
    Ok(dirs)
}

/// The trusted copy, made if needed, and the commit it is graded at.
fn trusted_copy(root: &Path) -> Result<(PathBuf, String)> {
    let commit = git(root, &["rev-parse", "HEAD"]).context(
        "grading a submission needs the workbook as a git repository: its HEAD is what is trusted",
    )?;
    let copy = root.join(COPY);
    if !copy.join(".git").exists() {
        if copy.exists() {
            std::fs::remove_dir_all(&copy)?;
        }
        let path = copy.to_string_lossy().into_owned();
        git(root, &["worktree", "prune"])?;
        git(
            root,
            &["worktree", "add", "--detach", "--force", &path, &commit],
        )?;
    }
    Ok((copy, commit))
}

/// The copy as the commit has it, but for its build folder: files that
/// did not change keep their times, so cargo rebuilds only what did.
fn reset_copy(copy: &Path, commit: &str) -> Result<()> {
    git(copy, &["reset", "-q", "--hard", commit])?;
    git(copy, &["clean", "-q", "-fdx", "-e", "/target"])?;
    Ok(())
}

fn git(dir: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .context("cannot run git")?;
    if !out.status.success() {
        bail!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Copy the assignment's exercise files from `dir` into the copy (one the
/// submission lacks stays as it came, and fails); return every other file
/// of the submission that differs from the copy, which is ignored.
fn take_exercise_files(
    copy: &Workbook,
    dir: &Path,
    assignment: &Assignment,
) -> Result<Vec<String>> {
    let mut taken = Vec::new();
    for (chapter, exercise) in copy.exercises() {
        let file = chapter.exercise_file(&copy.root, exercise);
        let relative = file.strip_prefix(&copy.root).unwrap_or(&file).to_path_buf();
        taken.push(relative.clone());
        if !assignment.exercises.contains(&exercise.id) {
            continue;
        }
        if let Ok(bytes) = std::fs::read(dir.join(&relative)) {
            std::fs::write(&file, bytes)?;
        }
    }
    let mut ignored = Vec::new();
    for relative in submission_files(dir) {
        if taken.contains(&relative) {
            continue;
        }
        let theirs = std::fs::read(dir.join(&relative)).ok();
        if theirs != std::fs::read(copy.root.join(&relative)).ok() {
            ignored.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    // And what it lacks: named if a few (a deleted test), counted if many
    // (a submission of the exercise files only).
    let lacking: Vec<String> = git(&copy.root, &["ls-files"])?
        .lines()
        .filter(|tracked| !dir.join(tracked).exists() && !taken.contains(&PathBuf::from(tracked)))
        .map(|tracked| format!("{tracked} (deleted)"))
        .collect();
    if lacking.len() <= 10 {
        ignored.extend(lacking);
    } else {
        ignored.push(format!(
            "{} of the workbook's files (not in the submission)",
            lacking.len()
        ));
    }
    ignored.sort();
    Ok(ignored)
}

/// A submission's files, relative to it, without its build, git and
/// progress folders (a learner's `target/` may hold a million files).
fn submission_files(dir: &Path) -> Vec<PathBuf> {
    let top = |path: &Path| path.parent() == Some(dir);
    let skip = |path: &Path| {
        top(path)
            && [".git", "target", ".workbook"]
                .iter()
                .any(|n| path.file_name() == Some(n.as_ref()))
    };
    crate::paths::files_under_but(dir, skip)
        .into_iter()
        .filter_map(|p| p.strip_prefix(dir).ok().map(Path::to_path_buf))
        .collect()
}
