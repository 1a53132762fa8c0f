//! What a program "says", in the order it said it.
//!
//! Every exercise in the workbook writes through a [`Trace`]. The tests
//! render it with [`Trace::render`] and compare the text with a snapshot, so
//! what is checked is the *order* of events.
//!
//! Chapters 1–3 say plain lines:
//!
//! ```
//! let t = trace::Trace::new();
//! t.say("gen: before yield 0");
//! t.say(format!("loop: got {}", 0));
//! assert_eq!(t.render(), "gen: before yield 0\nloop: got 0\n");
//! ```
//!
//! From chapter 4 on, an event loop installs a [`Stamper`] that tells the
//! trace the virtual time and the task that is running, and every line
//! carries them:
//!
//! ```
//! use trace::{Stamp, Trace};
//! let t = Trace::new();
//! t.set_stamper(|| Stamp { time: 10, task: "B".into() });
//! t.say("ends");
//! assert_eq!(t.render(), " 10 [B] ends\n");
//! ```
//!
//! Beside the lines, a loop can tell the trace when each task runs and why
//! it stops (an [`Event`]), so that the run can be drawn as a timeline
//! ([`timeline`]). Nobody pays for this unless they ask for it with
//! [`Trace::record_timeline`]: the loops check one flag before they build an
//! event, and the text of [`Trace::render`] never changes.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};

pub mod steps;
pub mod timeline;
pub use timeline::{Event, Logged, What};

/// When and by whom a line was said (chapter 4 on).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// Virtual time, in the loop's units.
    pub time: u64,
    /// Name of the task that was running.
    pub task: String,
}

/// One line of a trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub stamp: Option<Stamp>,
    pub text: String,
}

/// Something that tells the trace the current time and task.
pub type Stamper = Box<dyn Fn() -> Stamp + Send + Sync>;

/// How many lines a trace takes before it decides the program runs away.
///
/// Exercise programs say tens of lines. A loop that never ends says lines
/// forever and would eat all memory before any timeout fired, so the trace
/// stops it early with a message that says why.
pub const DEFAULT_LINE_LIMIT: usize = 10_000;

/// How much text a trace takes, all lines together, before it decides the
/// program runs away: a few long lines can eat memory as fast as many.
pub const BYTE_LIMIT: usize = 1 << 20;

/// The message a trace panics with when its line limit is reached. Test
/// harnesses look for it to explain the failure.
pub const RUNAWAY_MESSAGE: &str = "the program said more lines than any exercise needs";

/// A handle to a shared, ordered list of lines. Clones share the same list,
/// so a generator and its consumer can each hold one.
#[derive(Clone)]
pub struct Trace {
    shared: Arc<Shared>,
}

struct Shared {
    /// Whether the loops should record [`Event`]s: read on every step of a
    /// loop, so it is a flag outside the lock.
    recording: AtomicBool,
    inner: Mutex<Inner>,
}

struct Inner {
    lines: Vec<Line>,
    limit: usize,
    /// The text said so far, in bytes.
    bytes: usize,
    stamper: Option<Stamper>,
    /// When tasks ran and why they stopped, if recording.
    events: Vec<Logged>,
    /// What the loop's queues held after each thing it did, if recording.
    steps: Vec<steps::Recorded>,
}

impl Trace {
    /// An empty trace with the default line limit.
    pub fn new() -> Self {
        Self::with_line_limit(DEFAULT_LINE_LIMIT)
    }

    /// An empty trace that panics when more than `limit` lines are said.
    pub fn with_line_limit(limit: usize) -> Self {
        let inner = Inner {
            lines: Vec::new(),
            limit,
            bytes: 0,
            stamper: None,
            events: Vec::new(),
            steps: Vec::new(),
        };
        Trace {
            shared: Arc::new(Shared {
                recording: AtomicBool::new(false),
                inner: Mutex::new(inner),
            }),
        }
    }

    /// Record one line. Anything that implements `Display` will do:
    /// `t.say("hello")`, `t.say(format!("got {x}"))`, `t.say(x)`.
    pub fn say(&self, text: impl fmt::Display) {
        let text = text.to_string();
        let mut inner = self.lock();
        let too_many = inner.lines.len() >= inner.limit;
        if too_many || inner.bytes + text.len() > BYTE_LIMIT {
            let limit = if too_many {
                format!("{} lines", inner.limit)
            } else {
                format!("{} MB of text", BYTE_LIMIT >> 20)
            };
            drop(inner); // do not poison the trace for whoever reports this
            let mut last: String = text.chars().take(80).collect();
            if last.len() < text.len() {
                last.push('…');
            }
            panic!(
                "{RUNAWAY_MESSAGE} ({limit}); the last one was {last:?}. \
                 Does a loop never end, or an iterator never return None?"
            );
        }
        inner.bytes += text.len();
        let stamp = inner.stamper.as_ref().map(|stamp| stamp());
        inner.lines.push(Line { stamp, text });
    }

    /// From now on, stamp every line with the time and task `stamper` gives.
    pub fn set_stamper(&self, stamper: impl Fn() -> Stamp + Send + Sync + 'static) {
        self.lock().stamper = Some(Box::new(stamper));
    }

    /// The time and task a line said now would carry, if a loop has
    /// installed a stamper. A watchdog asks this to say which task was
    /// running when a program stopped making progress.
    pub fn stamp(&self) -> Option<Stamp> {
        self.lock().stamper.as_ref().map(|stamper| stamper())
    }

    /// From now on, keep the [`Event`]s the loops report, for a timeline.
    /// Call it before the run: a loop reads it once, when it starts, so that
    /// its steps test a plain flag.
    pub fn record_timeline(&self) {
        self.shared.recording.store(true, Ordering::Relaxed);
    }

    /// Whether [`Trace::record_timeline`] was called: one load, so a loop
    /// can ask on every step.
    #[inline]
    pub fn records_timeline(&self) -> bool {
        self.shared.recording.load(Ordering::Relaxed)
    }

    /// Keep the event `event()` makes, if the timeline is being recorded;
    /// otherwise `event` is not even called.
    #[inline]
    pub fn event(&self, event: impl FnOnce() -> Event) {
        if self.records_timeline() {
            self.push_event(event());
        }
    }

    /// A handle to report events with, if the timeline is being recorded.
    /// It does not keep the trace alive, so a loop may keep it where the
    /// trace's stamper reaches it without making a cycle.
    pub fn recorder(&self) -> Option<Recorder> {
        self.records_timeline()
            .then(|| Recorder(Arc::downgrade(&self.shared)))
    }

    fn push_event(&self, event: Event) {
        let mut inner = self.lock();
        // A runaway program is stopped by its line limit or its loop's
        // budget; this only keeps memory bounded until then.
        if inner.events.len() < inner.limit.saturating_mul(100) {
            let lines_before = inner.lines.len();
            inner.events.push(Logged {
                lines_before,
                event,
            });
        }
    }

    /// Keep the loop's step `step()` makes (see [`steps`]), if the timeline
    /// is being recorded; otherwise `step` is not even called.
    #[inline]
    pub fn loop_step(&self, step: impl FnOnce() -> steps::LoopStep) {
        if self.records_timeline() {
            self.push_step(step());
        }
    }

    fn push_step(&self, step: steps::LoopStep) {
        let mut inner = self.lock();
        // Bounded like the events.
        if inner.steps.len() < inner.limit.saturating_mul(100) {
            let (lines_before, events_before) = (inner.lines.len(), inner.events.len());
            inner.steps.push(steps::Recorded {
                lines_before,
                events_before,
                step,
            });
        }
    }

    /// The run so far, step by step, as the book's stepper reads it (see
    /// [`steps`]): JSON.
    pub fn steps_json(&self, name: &str) -> String {
        let inner = self.lock();
        steps::render_json(name, &inner.lines, &inner.events, &inner.steps)
    }

    /// The events recorded so far, in the order they happened.
    pub fn events(&self) -> Vec<Event> {
        let inner = self.lock();
        inner
            .events
            .iter()
            .map(|logged| logged.event.clone())
            .collect()
    }

    /// The run so far as an SVG timeline (see [`timeline`]), titled
    /// `title`.
    pub fn timeline_svg(&self, title: &str) -> String {
        let inner = self.lock();
        timeline::render_svg(title, &inner.lines, &inner.events)
    }

    /// A copy of the lines said so far.
    pub fn lines(&self) -> Vec<Line> {
        self.lock().lines.clone()
    }

    /// The texts said so far, without stamps.
    pub fn texts(&self) -> Vec<String> {
        self.lock()
            .lines
            .iter()
            .map(|line| line.text.clone())
            .collect()
    }

    /// The text a snapshot holds: one line each, `\n` after every line.
    ///
    /// Stamped lines are written `TIME [TASK] text`, the time right-aligned
    /// in a column as wide as the largest time (at least three digits), so
    /// the eye can run down it.
    pub fn render(&self) -> String {
        render_lines(&self.lock().lines)
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while the lock is held cannot leave `Inner` half-written
        // (every change is a single push), so a poisoned lock is still good.
        self.shared
            .inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// What [`Trace::recorder`] gives: reports events to a trace that is
/// recording its timeline, as long as the trace exists.
#[derive(Clone)]
pub struct Recorder(Weak<Shared>);

impl Recorder {
    pub fn event(&self, event: Event) {
        if let Some(shared) = self.0.upgrade() {
            Trace { shared }.push_event(event);
        }
    }

    pub fn loop_step(&self, step: steps::LoopStep) {
        if let Some(shared) = self.0.upgrade() {
            Trace { shared }.push_step(step);
        }
    }
}

impl Default for Trace {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.lock().lines.iter()).finish()
    }
}

/// Render lines as [`Trace::render`] does. Also used to render a learner's
/// *prediction* of a trace, so both come out in the same format.
pub fn render_lines(lines: &[Line]) -> String {
    let width = lines
        .iter()
        .filter_map(|line| line.stamp.as_ref())
        .map(|stamp| stamp.time.to_string().len())
        .max()
        .unwrap_or(0)
        .max(3);
    let mut out = String::new();
    for line in lines {
        if let Some(Stamp { time, task }) = &line.stamp {
            out.push_str(&format!("{time:>width$} [{task}] "));
        }
        out.push_str(&line.text);
        out.push('\n');
    }
    out
}

/// `text` as a JSON string, quotes included. (The workbook's reports and
/// the stepper's steps write JSON by hand: no serde in the crates every
/// chapter builds.)
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Read back what [`render_lines`] wrote: `TIME [TASK] text` lines become
/// stamped lines, others plain ones. (To draw a snapshot's trace.)
pub fn parse_rendered(text: &str) -> Vec<Line> {
    text.lines()
        .map(|line| {
            let stamped = line.trim_start().split_once(' ').and_then(|(time, rest)| {
                let time = time.parse().ok()?;
                let rest = rest.strip_prefix('[')?;
                let (task, text) = rest.split_once("] ").or_else(|| {
                    // A line with no text after its stamp.
                    rest.strip_suffix(']').map(|task| (task, ""))
                })?;
                Some(Line {
                    stamp: Some(Stamp {
                        time,
                        task: task.to_string(),
                    }),
                    text: text.to_string(),
                })
            });
            stamped.unwrap_or_else(|| Line {
                stamp: None,
                text: line.to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines_render_one_per_line_in_order() {
        let t = Trace::new();
        let other_handle = t.clone();
        t.say("first");
        other_handle.say(2);
        t.say(format!("third {}", 3));
        assert_eq!(t.render(), "first\n2\nthird 3\n");
        assert_eq!(t.texts(), ["first", "2", "third 3"]);
    }

    #[test]
    fn empty_trace_renders_empty() {
        assert_eq!(Trace::new().render(), "");
    }

    #[test]
    fn stamped_lines_align_time_to_the_widest() {
        let t = Trace::new();
        let now = Arc::new(Mutex::new(0u64));
        let clock = now.clone();
        t.set_stamper(move || Stamp {
            time: *clock.lock().unwrap(),
            task: "A".into(),
        });
        t.say("starts");
        *now.lock().unwrap() = 1500;
        t.say("ends");
        assert_eq!(t.render(), "   0 [A] starts\n1500 [A] ends\n");
    }

    #[test]
    fn stamp_asks_the_stamper_if_there_is_one() {
        let t = Trace::new();
        assert_eq!(t.stamp(), None);
        t.set_stamper(|| Stamp {
            time: 7,
            task: "B".into(),
        });
        assert_eq!(
            t.stamp(),
            Some(Stamp {
                time: 7,
                task: "B".into()
            })
        );
        assert!(t.lines().is_empty(), "asking is not saying");
    }

    #[test]
    fn rendered_lines_read_back_as_they_were() {
        let t = Trace::new();
        t.say("plain [x] line");
        t.set_stamper(|| Stamp {
            time: 1500,
            task: "worker 1".into(),
        });
        t.say("says [this] and that");
        t.say("");
        assert_eq!(parse_rendered(&t.render()), t.lines());
    }

    #[test]
    fn events_are_kept_only_when_asked_for() {
        let t = Trace::new();
        let event = || Event {
            time: 0,
            task: "main".into(),
            what: What::Runs,
        };
        let mut built = 0;
        t.event(|| {
            built += 1;
            event()
        });
        assert_eq!(built, 0, "no event is even built unless recording");
        assert!(t.events().is_empty());
        t.clone().record_timeline();
        assert!(t.records_timeline(), "clones share the switch");
        t.event(event);
        assert_eq!(t.events(), [event()]);
        assert_eq!(t.render(), "", "events are not lines");
        let recorder = t.recorder().expect("recording");
        recorder.event(event());
        assert_eq!(t.events().len(), 2);
        assert!(Trace::new().recorder().is_none());
    }

    #[test]
    fn a_runaway_program_is_stopped_with_a_message() {
        let t = Trace::with_line_limit(3);
        for i in 0..3 {
            t.say(i);
        }
        let err = std::panic::catch_unwind(|| t.say("one too many")).unwrap_err();
        let message = err.downcast_ref::<String>().unwrap();
        assert!(message.starts_with(RUNAWAY_MESSAGE), "{message}");
        assert!(message.contains("\"one too many\""), "{message}");
        // The trace is still readable afterwards, for the report.
        assert_eq!(t.texts().len(), 3);
    }
}
