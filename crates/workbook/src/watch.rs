//! `cargo wb watch [CHAPTER]`: check on every save, showing only the
//! exercise being worked on (the first not solved), and move on to the next
//! when it passes. Ctrl-C ends it.
//!
//! Changes are noticed by inotify on Linux, asked for with two system calls
//! (no crate: `notify` would add about 4 s of CPU, +60-90%, to the cold build
//! of `cargo wb`, which is a learner's first wait), and elsewhere, or with
//! `--poll` (network drives, WSL's `/mnt/c`, some containers, where events
//! never arrive), by looking at the files' sizes and times every 300 ms.
//! Either way a burst of writes (editors save in steps) is one change.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
#[cfg(target_os = "linux")]
use std::sync::mpsc::Receiver;
use std::time::{Duration, SystemTime};

use anyhow::Result;
use manifest::Workbook;

use crate::check;
use crate::progress::{self, Report, Row, Selection, State};
use crate::status;
use crate::style;

const POLL_EVERY: Duration = Duration::from_millis(300);
/// A change is over when nothing more happened for this long.
const QUIET: Duration = Duration::from_millis(200);

pub fn run(wb: &Workbook, selection: &Selection, poll: bool) -> Result<ExitCode> {
    progress::require_files(wb, selection)?;
    let dirs: Vec<PathBuf> = selection
        .iter()
        .map(|(c, _)| wb.root.join("exercises").join(c.folder_name()))
        .collect();
    let mut watcher = Watcher::new(&dirs, poll);
    let shown_dirs: Vec<String> = selection
        .iter()
        .map(|(c, _)| format!("exercises/{}/", c.folder_name()))
        .collect();
    loop {
        let mut report = progress::refresh(wb, selection, &[])?;
        // What the current exercise said is needed to show it: run it if
        // its verdict came from the cache.
        if let Some(next) = report.next()
            && !next.fresh
            && next.state != State::NotYet
        {
            let id = next.exercise.id.clone();
            report = progress::refresh(wb, selection, &[id.as_str()])?;
        }
        let solved_now: Vec<&str> = report
            .rows
            .iter()
            .filter(|r| r.fresh && r.state == State::Solved)
            .map(|r| r.exercise.id.as_str())
            .collect();
        let Some(next) = report.next() else {
            for id in solved_now {
                println!("{}", style::green(&format!("✓ `{id}` solved!")));
            }
            println!(
                "{}",
                style::green(&format!(
                    "All {} exercises here are solved. Well done!",
                    report.rows.len()
                ))
            );
            return Ok(ExitCode::SUCCESS);
        };
        show(wb, &report, next, &solved_now);
        println!(
            "Watching {} (`{}`, Ctrl-C to stop): save the file to check it again.",
            shown_dirs.join(", "),
            watcher.how()
        );
        watcher.wait();
    }
}

fn show(wb: &Workbook, report: &Report, row: &Row, solved_now: &[&str]) {
    if std::io::stdout().is_terminal() {
        print!("\x1b[2J\x1b[H"); // a clean screen: only this exercise
    }
    for id in solved_now {
        println!("{}", style::green(&format!("✓ `{id}` solved!")));
    }
    let solved = report
        .rows
        .iter()
        .filter(|r| r.state == State::Solved)
        .count();
    println!(
        "{}",
        style::bold(&format!(
            "{} of {} solved. Working on `{}`:",
            solved,
            report.rows.len(),
            row.exercise.id
        ))
    );
    status::print_next("Now:", row.chapter, row.exercise, row.state);
    println!();
    let ran = report.ran.as_ref().filter(|_| row.fresh);
    match (row.state, ran) {
        (State::NotYet, _) => println!(
            "{} Not started: {} is as it came.",
            row.state.mark(),
            row.chapter.exercise_path_for_humans(row.exercise)
        ),
        (state, Some(ran)) => {
            let told = ran.told(wb, row.chapter, row.exercise);
            check::print_exercise(row.chapter, row.exercise, &told, true);
            match state {
                State::Failing => println!("`{}` does not pass yet.", row.exercise.id),
                State::Broken => {
                    println!(
                        "It does not compile: fix the first `error` above (it names the file and line)."
                    )
                }
                _ => {}
            }
        }
        (state, _) => println!("{} {}", state.mark(), state.words()),
    }
}

/// Waits for a change to a `.rs` file in some folders.
enum Watcher {
    Poll {
        dirs: Vec<PathBuf>,
        last: Snapshot,
    },
    #[cfg(target_os = "linux")]
    Events(Receiver<()>),
}

type Snapshot = BTreeMap<PathBuf, (u64, Option<SystemTime>)>;

fn snapshot(dirs: &[PathBuf]) -> Snapshot {
    let mut files = Snapshot::new();
    for dir in dirs {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if is_source(&path)
                && let Ok(meta) = entry.metadata()
            {
                files.insert(path, (meta.len(), meta.modified().ok()));
            }
        }
    }
    files
}

/// `hello.rs`, not an editor's `.hello.rs.swp`, `hello.rs~` or `4913`.
fn is_source(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    name.ends_with(".rs") && !name.starts_with('.')
}

impl Watcher {
    fn new(dirs: &[PathBuf], poll: bool) -> Watcher {
        #[cfg(target_os = "linux")]
        if !poll {
            match inotify::watch(dirs) {
                Ok(events) => return Watcher::Events(events),
                Err(e) => {
                    eprintln!("note: cannot watch for changes ({e}); looking every 300 ms instead")
                }
            }
        }
        let _ = poll;
        Watcher::Poll {
            dirs: dirs.to_vec(),
            last: snapshot(dirs),
        }
    }

    fn how(&self) -> &'static str {
        match self {
            Watcher::Poll { .. } => "polling",
            #[cfg(target_os = "linux")]
            Watcher::Events(_) => "inotify",
        }
    }

    /// Returns once something changed since the last call (or since the
    /// watcher was made), and then stayed quiet for [`QUIET`].
    fn wait(&mut self) {
        match self {
            Watcher::Poll { dirs, last } => {
                let mut now = snapshot(dirs);
                while now == *last {
                    std::thread::sleep(POLL_EVERY);
                    now = snapshot(dirs);
                }
                loop {
                    std::thread::sleep(QUIET);
                    let after = snapshot(dirs);
                    if after == now {
                        break;
                    }
                    now = after;
                }
                *last = now;
            }
            #[cfg(target_os = "linux")]
            Watcher::Events(events) => {
                if events.recv().is_err() {
                    // The reader thread ended: nothing will come. Poll instead.
                    eprintln!("note: the watch on the files ended; looking every 300 ms instead");
                    std::thread::sleep(POLL_EVERY);
                    return;
                }
                // Until a quiet spell (or the reader's end).
                while events.recv_timeout(QUIET).is_ok() {}
            }
        }
    }
}

#[cfg(target_os = "linux")]
mod inotify {
    //! inotify(7), through the two C functions it needs; events are read
    //! from its file descriptor on a thread of their own.

    use std::ffi::CString;
    use std::fs::File;
    use std::io::Read;
    use std::os::fd::FromRawFd;
    use std::os::raw::{c_char, c_int};
    use std::os::unix::ffi::OsStrExt;
    use std::path::PathBuf;
    use std::sync::mpsc::{Receiver, channel};

    unsafe extern "C" {
        fn inotify_init1(flags: c_int) -> c_int;
        fn inotify_add_watch(fd: c_int, pathname: *const c_char, mask: u32) -> c_int;
    }

    const IN_CLOEXEC: c_int = 0o2_000_000;
    const IN_MODIFY: u32 = 0x2;
    const IN_CLOSE_WRITE: u32 = 0x8;
    const IN_MOVED_FROM: u32 = 0x40;
    const IN_MOVED_TO: u32 = 0x80;
    const IN_CREATE: u32 = 0x100;
    const IN_DELETE: u32 = 0x200;
    /// `struct inotify_event`: wd, mask, cookie, len, then `len` bytes of name.
    const HEADER: usize = 16;

    pub fn watch(dirs: &[PathBuf]) -> std::io::Result<Receiver<()>> {
        // SAFETY: no pointers; a negative result is an error, checked below.
        let fd = unsafe { inotify_init1(IN_CLOEXEC) };
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        // SAFETY: `fd` is a new descriptor that nothing else owns.
        let mut file = unsafe { File::from_raw_fd(fd) };
        let mask = IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE;
        for dir in dirs {
            let path = CString::new(dir.as_os_str().as_bytes())?;
            // SAFETY: `path` is a NUL-terminated string that outlives the call.
            if unsafe { inotify_add_watch(fd, path.as_ptr(), mask) } < 0 {
                return Err(std::io::Error::last_os_error());
            }
        }
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n @ 1..) = file.read(&mut buf) {
                let mut at = 0;
                let mut relevant = false;
                while at + HEADER <= n {
                    let len = u32::from_ne_bytes(buf[at + 12..at + 16].try_into().unwrap());
                    let end = (at + HEADER + len as usize).min(n);
                    let name = &buf[at + HEADER..end];
                    let name = &name[..name.iter().position(|b| *b == 0).unwrap_or(name.len())];
                    relevant |=
                        super::is_source(std::path::Path::new(std::ffi::OsStr::from_bytes(name)));
                    at = end;
                }
                if relevant && tx.send(()).is_err() {
                    break;
                }
            }
        });
        Ok(rx)
    }
}
