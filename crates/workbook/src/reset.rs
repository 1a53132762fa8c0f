//! `cargo wb reset`: put an exercise file back as it came, keeping the
//! learner's version; and bring a kept version back.
//!
//! The original is the copy under `stubs/` (see
//! [`manifest::Chapter::stub_file`]), which `cargo wb verify` keeps equal to
//! the workbook's `exercises/`: it needs no git, and it does not care what
//! the learner committed. Every version that is replaced goes first to
//! `.workbook/backups/<id>/<number>-<UTC time>.rs` (git ignores
//! `.workbook/`), and no command deletes a backup.
//!
//! Nothing is half-done: a backup is written to a temporary file beside it,
//! synced to disk and read back, and only then given its name; the
//! exercise file is replaced the same way, and only after its backup is
//! whole. If a step fails (a full disk), the temporary file goes, a backup
//! made for this command goes (the file it copies is still there), and the
//! exercise file is as it was.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Result, anyhow, bail};
use manifest::{Chapter, Exercise, Workbook};

use crate::paths::{self, rel};
use crate::style;

pub const BACKUPS: &str = ".workbook/backups";

fn backup_dir(root: &Path, exercise: &Exercise) -> PathBuf {
    root.join(BACKUPS).join(&exercise.id)
}

/// The backups of an exercise, oldest first (see [`Made`]).
pub fn backups(root: &Path, exercise: &Exercise) -> Vec<PathBuf> {
    let mut found: Vec<(Made, PathBuf)> = paths::entries(&backup_dir(root, exercise))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs") && p.is_file())
        .map(|p| (Made::of(&p), p))
        .collect();
    found.sort();
    found.into_iter().map(|(_, p)| p).collect()
}

/// When a backup was made, as its name says: what backups sort by.
///
/// This version names them `0007-2026-03-14T09-05-00Z`: one more than the
/// highest number in the folder, then the UTC time. The number orders
/// them whatever the clock does (two in one second, a clock set back), and
/// its four digits make the names sort as text in the same order (up to
/// 9999 backups of one exercise; past that the number only grows longer,
/// and `cargo wb` still sorts by its value). Older
/// versions wrote `2026-03-14T09-05-00Z` and, for another in the same
/// second, `2026-03-14T09-05-00Z-2`, which sorts as text before the first.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Made {
    /// A name `cargo wb` does not write (a file put there by hand): before
    /// all others, by name, so that it is never taken for the newest.
    Unknown(String),
    /// An older version's `<time>` or `<time>-N`: by time, then N (the
    /// first of a second has none: 1). All older than the numbered ones.
    Stamped(String, u64),
    /// `<number>-<time>`: by number.
    Numbered(u64, String),
}

impl Made {
    fn of(backup: &Path) -> Made {
        let stem = backup.file_stem().unwrap_or_default().to_string_lossy();
        Made::parse(&stem)
    }

    fn parse(stem: &str) -> Made {
        if let Some((stamp, rest)) = stem.split_at_checked(STAMP_SHAPE.len())
            && is_stamp(stamp)
        {
            let second = match rest {
                "" => Some(1),
                _ => rest.strip_prefix('-').and_then(number),
            };
            if let Some(n) = second {
                return Made::Stamped(stamp.to_string(), n);
            }
        }
        if let Some((n, stamp)) = stem.split_once('-')
            && let Some(n) = number(n)
            && is_stamp(stamp)
        {
            return Made::Numbered(n, stamp.to_string());
        }
        Made::Unknown(stem.to_string())
    }
}

/// What [`utc_stamp`] writes, with `0` for any digit.
const STAMP_SHAPE: &str = "0000-00-00T00-00-00Z";

fn is_stamp(s: &str) -> bool {
    s.len() == STAMP_SHAPE.len()
        && s.bytes().zip(STAMP_SHAPE.bytes()).all(|(c, shape)| {
            if shape == b'0' {
                c.is_ascii_digit()
            } else {
                c == shape
            }
        })
}

/// Digits only (no sign, no space), and small enough for a u64.
fn number(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The name of the next backup in a folder holding `existing`.
fn next_name(existing: &[PathBuf], now: SystemTime) -> Option<String> {
    let highest = existing
        .iter()
        .filter_map(|b| match Made::of(b) {
            Made::Numbered(n, _) => Some(n),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    Some(format!("{:04}-{}", highest.checked_add(1)?, utc_stamp(now)))
}

/// A backup kept by [`keep`].
struct Kept {
    path: PathBuf,
    /// Written by this command (not one already kept with the same text).
    new: bool,
    /// The folders made for it, deepest first.
    created: Vec<PathBuf>,
}

/// What the command was doing, for its messages.
#[derive(Clone, Copy)]
enum Doing {
    Reset,
    Restore,
}

impl Doing {
    /// The end of a message saying why the command stopped: it changed nothing.
    fn untouched(self, shown: &str) -> String {
        let what = match self {
            Doing::Reset => "reset",
            Doing::Restore => "restored",
        };
        format!("{shown} is untouched, nothing was {what}")
    }
}

/// Keep the learner's current file, unless there is nothing of theirs in
/// it (it is the original, or a copy of a backup already kept). Returns
/// the backup if there is one. On an error nothing was written, and the
/// message ends by saying that the exercise file is untouched.
fn keep(
    wb: &Workbook,
    chapter: &Chapter,
    exercise: &Exercise,
    doing: Doing,
) -> Result<Option<Kept>> {
    let root = &wb.root;
    let file = chapter.exercise_file(root, exercise);
    let shown = chapter.exercise_path_for_humans(exercise);
    let untouched = doing.untouched(&shown);
    let current = match std::fs::read(&file) {
        Ok(current) => current,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None), // nothing to lose
        // Unreadable is not empty: it cannot be kept, so it is not replaced.
        Err(e) => bail!("cannot read {shown} to keep a backup of it: {e}; {untouched}"),
    };
    if std::fs::read(chapter.stub_file(root, exercise))
        .ok()
        .as_ref()
        == Some(&current)
    {
        return Ok(None);
    }
    let existing = backups(root, exercise);
    if let Some(same) = existing
        .iter()
        .find(|b| std::fs::read(b).ok().as_ref() == Some(&current))
    {
        return Ok(Some(Kept {
            path: same.clone(),
            new: false,
            created: Vec::new(),
        }));
    }
    let dir = backup_dir(root, exercise);
    let shown_dir = rel(root, &dir);
    let created = match create_folders(&dir) {
        Ok(created) => created,
        Err(e) => bail!("cannot create {shown_dir}: {e}; {untouched}"),
    };
    let Some(name) = next_name(&existing, SystemTime::now()) else {
        remove_created(&created);
        bail!("{shown_dir} has a backup numbered too high to count on from; {untouched}");
    };
    let temporary = dir.join(format!(".{name}.rs.tmp{}", std::process::id()));
    if let Err(e) = write_synced(&temporary, &current) {
        remove_created(&created);
        bail!("cannot keep a backup of your version in {shown_dir}: {e}; {untouched}");
    }
    // The name is free unless another `cargo wb reset` took it meanwhile.
    let backup = dir.join(format!("{name}.rs"));
    let taken = backup.symlink_metadata().is_ok();
    let renamed = if taken {
        Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} appeared meanwhile", rel(root, &backup)),
        ))
    } else {
        std::fs::rename(&temporary, &backup)
    };
    if let Err(e) = renamed {
        let _ = std::fs::remove_file(&temporary);
        remove_created(&created);
        bail!("cannot keep a backup of your version in {shown_dir}: {e}; {untouched}");
    }
    sync_folder(&dir);
    Ok(Some(Kept {
        path: backup,
        new: true,
        created,
    }))
}

/// Replace the exercise file with `content`, after [`keep`] made `kept`.
/// If it cannot, a backup made for it goes again (its file is still
/// there, unchanged) and the error says the file is untouched.
fn replace(
    wb: &Workbook,
    chapter: &Chapter,
    exercise: &Exercise,
    content: &[u8],
    kept: Option<&Kept>,
    doing: Doing,
) -> Result<()> {
    let file = chapter.exercise_file(&wb.root, exercise);
    let shown = chapter.exercise_path_for_humans(exercise);
    // exercises/ (or its chapter's folder) may be gone too.
    let folder = file.parent().expect("an exercise file is in a folder");
    let done = create_folders(folder)
        .map_err(|e| format!("cannot create the folder of {shown}: {e}"))
        .and_then(|created| {
            replace_whole(&file, content).map_err(|e| {
                remove_created(&created);
                format!("cannot write {shown}: {e}")
            })
        });
    if let Err(why) = done {
        if let Some(kept) = kept.filter(|k| k.new) {
            let _ = std::fs::remove_file(&kept.path);
            remove_created(&kept.created);
        }
        bail!("{why}; {}", doing.untouched(&shown));
    }
    Ok(())
}

/// Make `folder` and its missing parents. Returns the ones it made,
/// deepest first, for [`remove_created`] to take away again if what they
/// were made for fails.
fn create_folders(folder: &Path) -> io::Result<Vec<PathBuf>> {
    let missing: Vec<PathBuf> = folder
        .ancestors()
        .take_while(|f| !f.as_os_str().is_empty() && f.symlink_metadata().is_err())
        .map(Path::to_path_buf)
        .collect();
    if let Err(e) = std::fs::create_dir_all(folder) {
        remove_created(&missing);
        return Err(e);
    }
    Ok(missing)
}

/// Remove the folders [`create_folders`] made, if they are still empty.
fn remove_created(folders: &[PathBuf]) {
    for folder in folders {
        let _ = std::fs::remove_dir(folder);
    }
}

/// Write `path` whole or not at all: `content` goes to a temporary file
/// beside it, synced, which is then renamed over it. The file keeps its
/// permissions.
fn replace_whole(path: &Path, content: &[u8]) -> io::Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    // A dot first and not `.rs` last: `cargo wb watch` skips it, as it does an editor's.
    let temporary = path.with_file_name(format!(".{name}.tmp{}", std::process::id()));
    let permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
    write_synced(&temporary, content)?;
    if let Err(e) = std::fs::rename(&temporary, path) {
        let _ = std::fs::remove_file(&temporary);
        return Err(e);
    }
    if let Some(permissions) = permissions {
        let _ = std::fs::set_permissions(path, permissions);
    }
    if let Some(folder) = path.parent() {
        sync_folder(folder);
    }
    Ok(())
}

/// Write `content` to a new file at `path`, sync it to the disk and read
/// it back; on any failure the file is removed.
fn write_synced(path: &Path, content: &[u8]) -> io::Result<()> {
    let written = (|| {
        let mut file = File::create(path)?;
        fault::write_all(&mut file, content)?;
        file.sync_all()?;
        drop(file);
        if std::fs::read(path)? != content {
            return Err(io::Error::other("it does not read back as written"));
        }
        Ok(())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(path);
    }
    written
}

/// Make a rename in `folder` last (where a folder can be synced: not on
/// Windows, and not on some network file systems, which is no error).
fn sync_folder(folder: &Path) {
    if let Ok(folder) = File::open(folder) {
        let _ = folder.sync_all();
    }
}

/// A disk that fills up, for the tests: `WB_TEST_FAIL_RESET_AFTER_BYTES=N`
/// makes the files `reset` writes (a backup, then the exercise file) fail
/// as a full disk would once N bytes in all have been written, leaving
/// the partial file that a full disk leaves. It is read in every build
/// because it can only make a reset fail, never make anything pass, and
/// it changes nothing else.
mod fault {
    use std::io::{self, Write};
    use std::sync::atomic::{AtomicU64, Ordering};

    pub const VARIABLE: &str = "WB_TEST_FAIL_RESET_AFTER_BYTES";

    static WRITTEN: AtomicU64 = AtomicU64::new(0);

    pub fn write_all(file: &mut impl Write, content: &[u8]) -> io::Result<()> {
        let Some(limit) = std::env::var(VARIABLE)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
        else {
            return file.write_all(content);
        };
        let left = limit.saturating_sub(WRITTEN.load(Ordering::Relaxed));
        let allowed = content
            .len()
            .min(usize::try_from(left).unwrap_or(usize::MAX));
        file.write_all(&content[..allowed])?;
        WRITTEN.fetch_add(allowed as u64, Ordering::Relaxed);
        if allowed < content.len() {
            return Err(io::Error::new(
                io::ErrorKind::StorageFull,
                format!("no space left on device ({VARIABLE})"),
            ));
        }
        Ok(())
    }
}

pub fn reset(wb: &Workbook, chapter: &Chapter, exercise: &Exercise) -> Result<ExitCode> {
    let root = &wb.root;
    let (id, shown) = (&exercise.id, chapter.exercise_path_for_humans(exercise));
    let stub_file = chapter.stub_file(root, exercise);
    let stub = std::fs::read(&stub_file).map_err(|_| {
        anyhow!(
            "cannot reset `{id}`: its original {} is missing from this workbook (restore it with git, or ask whoever gave you the workbook)",
            rel(root, &stub_file)
        )
    })?;
    let file = chapter.exercise_file(root, exercise);
    if std::fs::read(&file).ok().as_ref() == Some(&stub) {
        println!("{shown} is already as it came: nothing to reset.");
        return Ok(ExitCode::SUCCESS);
    }
    let kept = keep(wb, chapter, exercise, Doing::Reset)?;
    replace(wb, chapter, exercise, &stub, kept.as_ref(), Doing::Reset)?;
    match kept {
        Some(backup) => println!(
            "Kept your version as {}.\n{shown} is back as it came.",
            rel(root, &backup.path)
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
        for (i, backup) in found.iter().enumerate() {
            let lines = std::fs::read_to_string(backup)
                .map(|t| t.lines().count())
                .unwrap_or(0);
            let lines = crate::progress::plural(lines, "line", "lines");
            let newest = if i + 1 == found.len() {
                "  (newest)"
            } else {
                ""
            };
            println!(
                "  {}  {lines}  {}{newest}",
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
            anyhow!("no backups of `{id}` to restore (`cargo wb reset --list` shows them all)")
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
    let file = chapter.exercise_file(root, exercise);
    let shown = chapter.exercise_path_for_humans(exercise);
    let content = std::fs::read(&backup).map_err(|e| {
        anyhow!(
            "cannot read the backup {}: {e}; {}",
            rel(root, &backup),
            Doing::Restore.untouched(&shown)
        )
    })?;
    if std::fs::read(&file).ok().as_ref() == Some(&content) {
        println!("{shown} is already that version: nothing to restore.");
        return Ok(ExitCode::SUCCESS);
    }
    let kept = keep(wb, chapter, exercise, Doing::Restore)?;
    replace(
        wb,
        chapter,
        exercise,
        &content,
        kept.as_ref(),
        Doing::Restore,
    )?;
    if let Some(kept) = kept {
        println!("Kept the version you had as {}.", rel(root, &kept.path));
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
        assert!(is_stamp(&at(1_773_479_105)) && is_stamp(&at(0)));
    }

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut paths: Vec<PathBuf> = names
            .iter()
            .map(|n| PathBuf::from(format!("{n}.rs")))
            .collect();
        paths.sort_by_key(|p| Made::of(p));
        paths
            .iter()
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn backups_sort_in_the_order_they_were_made() {
        // An older version's names, by their own time; then this version's, by number.
        assert_eq!(
            sorted(&[
                "0010-2026-03-14T09-05-00Z",
                "2026-03-14T09-05-00Z-2",
                "0002-2026-03-14T09-05-00Z",
                "2026-03-14T09-05-00Z",
                "2026-03-14T09-05-00Z-10",
                "2025-12-31T23-59-59Z",
                "10000-2020-01-01T00-00-00Z",
                "0009-2030-01-01T00-00-00Z",
            ]),
            [
                "2025-12-31T23-59-59Z",
                "2026-03-14T09-05-00Z",
                "2026-03-14T09-05-00Z-2",
                "2026-03-14T09-05-00Z-10",
                "0002-2026-03-14T09-05-00Z",
                "0009-2030-01-01T00-00-00Z",
                "0010-2026-03-14T09-05-00Z",
                "10000-2020-01-01T00-00-00Z",
            ]
        );
        // Names it does not understand come first, and never panic.
        let odd = [
            "",
            "-",
            "0001-",
            "mine",
            "é2026-03-14T09-05-00Z",
            "2026-03-14T09-05-00Zé",
            "2026-03-14T09-05-00Z-",
            "2026-03-14T09-05-00Z-x",
            "99999999999999999999999-2026-03-14T09-05-00Z",
            "+1-2026-03-14T09-05-00Z",
            "0001-2026-03-14T09:05:00Z",
        ];
        for name in odd {
            assert!(matches!(Made::parse(name), Made::Unknown(_)), "{name:?}");
        }
        let mut all = odd.to_vec();
        all.push("0001-2026-03-14T09-05-00Z");
        all.push("2026-03-14T09-05-00Z");
        let order = sorted(&all);
        assert_eq!(
            order[order.len() - 2..],
            ["2026-03-14T09-05-00Z", "0001-2026-03-14T09-05-00Z"]
        );
    }

    #[test]
    fn the_next_name_sorts_last_as_text_too() {
        let noon = UNIX_EPOCH + Duration::from_secs(1_773_489_600);
        assert_eq!(next_name(&[], noon).unwrap(), "0001-2026-03-14T12-00-00Z");
        let old = [
            PathBuf::from("2026-03-14T12-00-00Z.rs"),
            PathBuf::from("2026-03-14T12-00-00Z-2.rs"),
        ];
        assert_eq!(next_name(&old, noon).unwrap(), "0001-2026-03-14T12-00-00Z");

        // A clock that stands still, then goes back: text order is still the order made.
        let mut made: Vec<PathBuf> = old.to_vec();
        for i in 0..120u64 {
            let when = noon - Duration::from_secs(i / 40 * 3600);
            made.push(PathBuf::from(format!(
                "{}.rs",
                next_name(&made, when).unwrap()
            )));
        }
        let numbered = &made[2..];
        let mut as_text = numbered.to_vec();
        as_text.sort();
        assert_eq!(as_text, numbered);
        let mut as_backups = made.clone();
        as_backups.sort_by_key(|p| Made::of(p));
        assert_eq!(as_backups, made);

        let full = [PathBuf::from(format!(
            "{}-2026-03-14T12-00-00Z.rs",
            u64::MAX
        ))];
        assert_eq!(next_name(&full, noon), None);
    }
}
