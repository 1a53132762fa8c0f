//! One test, in a process of its own, bounded: in time (the judge's own
//! deadline, past the harness's watchdog), in output kept, and in memory.
//! Whatever the test does, this returns, and the process and everything it
//! started are gone.

use std::hash::{BuildHasher, Hasher};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use verdict::judge::Ended;
use verdict::record::{self, Said};

/// The harness's own watchdog when a test has not said another.
const WATCHDOG: Duration = Duration::from_secs(5);
/// The longest watchdog a record may ask for: a record is the test's
/// word, and a test must not keep the check waiting for ever.
const LONGEST_WATCHDOG: Duration = Duration::from_secs(60);
/// How long past its watchdog the judge waits before it ends the process:
/// time for the watchdog to look twice and write its report.
const GRACE: Duration = Duration::from_secs(3);
/// How much of a test's standard output and error is kept.
pub const OUTPUT_KEPT: usize = 64 << 10;
/// The address space a test may use (Unix): a program that allocates for
/// ever fails an allocation here instead of slowing the whole machine.
#[cfg(unix)]
const MEMORY_LIMIT: u64 = 4 << 30;

/// What a test's process left behind.
pub struct Child {
    pub said: Said,
    pub ended: Ended,
}

/// Run `test` (`timers::sleepers_wake_in_deadline_order`) of the test
/// binary `exe`, in `dir` (the chapter crate, as `cargo test` would).
pub fn run(exe: &Path, dir: &Path, test: &str) -> std::io::Result<Child> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    // A name no other test's process can guess, to write into.
    let unguessable = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    let record_path = std::env::temp_dir().join(format!(
        "wb-record-{}-{}-{unguessable:016x}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_file(&record_path);

    let mut cmd = Command::new(exe);
    cmd.args([test, "--exact", "--test-threads=1", "--nocapture"])
        .current_dir(dir)
        .env(record::VARIABLE, &record_path)
        // What `.cargo/config.toml` gives a `cargo test`.
        .env("RUST_BACKTRACE", "0")
        .env("INSTA_UPDATE", "no")
        .env("INSTA_FORCE_PASS", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    limit(&mut cmd);
    let started = std::time::Instant::now();
    let mut child = cmd.spawn()?;
    let pid = child.id();

    let output = Arc::new(Mutex::new(Kept::default()));
    let (read_done, readers_done) = mpsc::channel();
    let pipes: Vec<Box<dyn Read + Send>> = vec![
        Box::new(child.stdout.take().expect("piped")),
        Box::new(child.stderr.take().expect("piped")),
    ];
    for mut pipe in pipes {
        let output = Arc::clone(&output);
        let read_done = read_done.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                output.lock().unwrap().keep(&buf[..n]);
            }
            let _ = read_done.send(());
        });
    }
    // The deadline: the watchdog the test said it has, and a grace.
    let mut out_of_time = None;
    let mut deadline = WATCHDOG + GRACE;
    let mut looked = Duration::ZERO;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        let elapsed = started.elapsed();
        if elapsed >= deadline {
            out_of_time = Some(deadline);
            kill_group(pid);
            let _ = child.kill();
            break child.wait()?;
        }
        if elapsed >= looked + Duration::from_millis(100) {
            looked = elapsed;
            let said = record::read(&read_capped(&record_path));
            deadline = said.watchdog.unwrap_or(WATCHDOG).min(LONGEST_WATCHDOG) + GRACE;
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    // What it started (a `sleep 40` holding our pipe) goes with it.
    kill_group(pid);
    for _ in 0..2 {
        if readers_done
            .recv_timeout(Duration::from_millis(200))
            .is_err()
        {
            break; // a descendant that left the group holds a pipe: stop reading
        }
    }

    let bytes = read_capped(&record_path);
    let _ = std::fs::remove_file(&record_path);
    let output = output.lock().unwrap().text();
    Ok(Child {
        said: record::read(&bytes),
        ended: Ended {
            code: status.code(),
            signal: signal(&status),
            out_of_time,
            output,
        },
    })
}

/// The first [`OUTPUT_KEPT`] bytes, and how many more were cut.
#[derive(Default)]
struct Kept {
    bytes: Vec<u8>,
    cut: u64,
}

impl Kept {
    fn keep(&mut self, more: &[u8]) {
        let room = OUTPUT_KEPT.saturating_sub(self.bytes.len());
        let take = room.min(more.len());
        self.bytes.extend_from_slice(&more[..take]);
        self.cut += (more.len() - take) as u64;
    }

    fn text(&self) -> String {
        let mut text = String::from_utf8_lossy(&self.bytes).into_owned();
        if self.cut > 0 {
            text.push_str(&format!("\n… and {} more bytes of output, cut\n", self.cut));
        }
        text
    }
}

fn read_capped(path: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    if let Ok(file) = std::fs::File::open(path) {
        // One byte more than the limit, so the reader knows it was cut.
        let _ = file
            .take(record::READ_LIMIT as u64 + 1)
            .read_to_end(&mut bytes);
    }
    bytes
}

#[cfg(unix)]
fn limit(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    // Its own process group, so that it and all it starts can be ended.
    cmd.process_group(0);
    // SAFETY: setrlimit is async-signal-safe, and touches nothing of ours.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: MEMORY_LIMIT as libc::rlim_t,
                rlim_max: MEMORY_LIMIT as libc::rlim_t,
            };
            libc::setrlimit(libc::RLIMIT_AS, &limit);
            // Ctrl-C ends `cargo wb`, not this group: the test goes too,
            // rather than spin on with nobody to stop it.
            #[cfg(target_os = "linux")]
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit(_: &mut Command) {}

#[cfg(unix)]
fn kill_group(pid: u32) {
    // SAFETY: a plain system call; the group is the child's own.
    unsafe {
        libc::kill(-(pid as libc::pid_t), libc::SIGKILL);
    }
}

/// Elsewhere the child alone is ended (`Child::kill`).
#[cfg(not(unix))]
fn kill_group(_: u32) {}

#[cfg(unix)]
fn signal(status: &std::process::ExitStatus) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    status.signal()
}

#[cfg(not(unix))]
fn signal(_: &std::process::ExitStatus) -> Option<i32> {
    None
}
