//! `cargo wb reset`: put an exercise file back as it came, keeping the
//! learner's version; and bring a kept version back.
//!
//! The original is the copy under `stubs/` (see
//! [`manifest::Chapter::stub_file`]), which `cargo wb verify` keeps equal to
//! the workbook's `exercises/`: it needs no git, and it does not care what
//! the learner committed. Every version that is replaced goes first to
//! `.workbook/backups/<id>/<UTC time>.rs` (git ignores `.workbook/`), and
//! no command deletes a backup.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail};
use manifest::{Chapter, Exercise, Workbook};

use crate::paths::{self, rel};
use crate::style;

pub const BACKUPS: &str = ".workbook/backups";

fn backup_dir(root: &Path, exercise: &Exercise) -> PathBuf {
    root.join(BACKUPS).join(&exercise.id)
}

/// The backups of an exercise, oldest first (their names sort by time).
pub fn backups(root: &Path, exercise: &Exercise) -> Vec<PathBuf> {
    paths::entries(&backup_dir(root, exercise))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect()
}

/// Keep the learner's current file, unless there is nothing of theirs in
/// it (it is the original, or a copy of a backup already kept). Returns
/// the backup's path if one was written.
fn keep(wb: &Workbook, chapter: &Chapter, exercise: &Exercise) -> Result<Option<PathBuf>> {
    let root = &wb.root;
    let file = chapter.exercise_file(root, exercise);
    let Ok(current) = std::fs::read(&file) else {
        return Ok(None); // no file: nothing to lose
    };
    if std::fs::read(chapter.stub_file(root, exercise))
        .ok()
        .as_ref()
        == Some(&current)
    {
        return Ok(None);
    }
    if let Some(same) = backups(root, exercise)
        .into_iter()
        .find(|b| std::fs::read(b).ok().as_ref() == Some(&current))
    {
        return Ok(Some(same));
    }
    let dir = backup_dir(root, exercise);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", rel(root, &dir)))?;
    let stamp = utc_stamp(SystemTime::now());
    let mut backup = dir.join(format!("{stamp}.rs"));
    let mut n = 2;
    while backup.exists() {
        backup = dir.join(format!("{stamp}-{n}.rs"));
        n += 1;
    }
    std::fs::write(&backup, &current)
        .with_context(|| format!("cannot write the backup {}", rel(root, &backup)))?;
    // Read it back: the learner's file is only replaced once the copy is sure.
    if std::fs::read(&backup).ok().as_ref() != Some(&current) {
        bail!(
            "the backup {} does not read back as written; {} was left as it is",
            rel(root, &backup),
            rel(root, &file)
        );
    }
    Ok(Some(backup))
}

pub fn reset(wb: &Workbook, chapter: &Chapter, exercise: &Exercise) -> Result<ExitCode> {
    let root = &wb.root;
    let (id, shown) = (&exercise.id, chapter.exercise_path_for_humans(exercise));
    let stub_file = chapter.stub_file(root, exercise);
    let stub = std::fs::read(&stub_file).map_err(|_| {
        anyhow::anyhow!(
            "cannot reset `{id}`: its original {} is missing from this workbook (restore it with git, or ask whoever gave you the workbook)",
            rel(root, &stub_file)
        )
    })?;
    let file = chapter.exercise_file(root, exercise);
    if std::fs::read(&file).ok().as_ref() == Some(&stub) {
        println!("{shown} is already as it came: nothing to reset.");
        return Ok(ExitCode::SUCCESS);
    }
    let kept = keep(wb, chapter, exercise)?;
    // exercises/ (or its chapter's folder) may be gone too.
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot create the folder of {shown}"))?;
    }
    std::fs::write(&file, &stub).with_context(|| format!("cannot write {shown}"))?;
    match kept {
        Some(backup) => println!(
            "Kept your version as {}.\n{shown} is back as it came.",
            rel(root, &backup)
        ),
        None => println!("{shown} is back as it came."),
    }
    println!(
        "`cargo wb reset --restore {id}` brings your version back; the exercise is on {}.",
        chapter.page_path_for_humans(exercise)
    );
    Ok(ExitCode::SUCCESS)
}

pub fn list(wb: &Workbook, only: Option<(&Chapter, &Exercise)>) -> Result<ExitCode> {
    let root = &wb.root;
    let chosen: Vec<(&Chapter, &Exercise)> = match only {
        Some(one) => vec![one],
        None => wb.exercises().collect(),
    };
    let mut any = false;
    for (chapter, exercise) in chosen {
        let found = backups(root, exercise);
        if found.is_empty() {
            continue;
        }
        any = true;
        println!(
            "{}",
            style::bold(&format!(
                "{} ({}), oldest first:",
                exercise.id,
                chapter.exercise_path_for_humans(exercise)
            ))
        );
        for backup in &found {
            let lines = std::fs::read_to_string(backup)
                .map(|t| t.lines().count())
                .unwrap_or(0);
            println!(
                "  {}  {lines} lines  {}",
                backup.file_stem().unwrap_or_default().to_string_lossy(),
                rel(root, backup)
            );
        }
    }
    match only {
        _ if any => println!(
            "\n`cargo wb reset --restore EXERCISE [NAME]` brings one back (the newest if no NAME); the times are UTC."
        ),
        Some((_, e)) => println!(
            "No backups of `{}` yet: `cargo wb reset {}` makes one.",
            e.id, e.id
        ),
        None => println!("No backups yet: `cargo wb reset EXERCISE` makes one."),
    }
    Ok(ExitCode::SUCCESS)
}

pub fn restore(
    wb: &Workbook,
    chapter: &Chapter,
    exercise: &Exercise,
    name: Option<&str>,
) -> Result<ExitCode> {
    let root = &wb.root;
    let id = &exercise.id;
    let found = backups(root, exercise);
    let backup = match name {
        None => found.last().cloned().ok_or_else(|| {
            anyhow::anyhow!(
                "no backups of `{id}` to restore (`cargo wb reset --list` shows them all)"
            )
        })?,
        Some(name) => {
            let stem = name.strip_suffix(".rs").unwrap_or(name);
            let by_name = found
                .iter()
                .find(|b| b.file_stem().is_some_and(|s| s.to_string_lossy() == stem));
            match by_name {
                Some(b) => b.clone(),
                None if Path::new(name).is_file() => PathBuf::from(name),
                None => {
                    let names: Vec<String> = found
                        .iter()
                        .map(|b| {
                            b.file_stem()
                                .unwrap_or_default()
                                .to_string_lossy()
                                .into_owned()
                        })
                        .collect();
                    bail!(
                        "no backup `{name}` of `{id}`; {}",
                        if names.is_empty() {
                            "it has none".to_string()
                        } else {
                            format!("its backups: {}", names.join(", "))
                        }
                    );
                }
            }
        }
    };
    let content = std::fs::read(&backup)
        .with_context(|| format!("cannot read the backup {}", rel(root, &backup)))?;
    let file = chapter.exercise_file(root, exercise);
    let shown = chapter.exercise_path_for_humans(exercise);
    if std::fs::read(&file).ok().as_ref() == Some(&content) {
        println!("{shown} is already that version: nothing to restore.");
        return Ok(ExitCode::SUCCESS);
    }
    let kept = keep(wb, chapter, exercise)?;
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot create the folder of {shown}"))?;
    }
    std::fs::write(&file, &content).with_context(|| format!("cannot write {shown}"))?;
    if let Some(kept) = kept {
        println!("Kept the version you had as {}.", rel(root, &kept));
    }
    println!(
        "{shown} is the version of {} again. Check it: `cargo wb check {id}`.",
        backup.file_stem().unwrap_or_default().to_string_lossy()
    );
    Ok(ExitCode::SUCCESS)
}

/// `2026-03-14T09-05-00Z`: UTC, sorts by time, and is a valid file name
/// everywhere (no `:`).
pub fn utc_stamp(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}-{:02}-{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn stamps_are_utc_and_sortable() {
        let at = |secs| utc_stamp(UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(at(0), "1970-01-01T00-00-00Z");
        assert_eq!(at(951_782_400), "2000-02-29T00-00-00Z");
        assert_eq!(at(1_773_479_105), "2026-03-14T09-05-05Z");
        assert!(at(1_773_479_105) < at(1_773_479_106));
    }
}
