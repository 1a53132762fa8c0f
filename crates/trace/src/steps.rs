//! A run, step by step: what the loop's queues held after each thing it
//! did, and the rule that decided it. The book's stepper plays it back.
//!
//! A loop that records a timeline ([`crate::Trace::record_timeline`]) also
//! reports a [`LoopStep`] after each thing it does: the loop starts, a
//! round begins, a job of the ready queue ran, the clock jumped, the world
//! outside woke a task. Each holds the ready queue (front first), the
//! timers (in firing order) and every task's state at that moment. Between
//! two steps, the timeline's [`Event`]s say what the task that ran did, and
//! the lines say what it said. [`crate::Trace::steps_json`] joins the three into the
//! frames the stepper shows, and names for each one the rule that decided
//! it, in words from [`RULES`], which the book uses too.
//!
//! ```
//! use trace::steps::{Did, Job, LoopStep};
//! use trace::{Event, Stamp, Trace, What};
//! let t = Trace::new();
//! t.record_timeline();
//! t.set_stamper(|| Stamp { time: 0, task: "main".into() });
//! let step = |did, ready: Vec<Job>, state: &str| LoopStep {
//!     did, time: 0, ready, this_round: 0, timers: vec![],
//!     tasks: vec![("main".into(), state.into())],
//! };
//! t.loop_step(|| step(Did::Start { by: "aio" }, vec![Job::Task("main".into())], "is ready"));
//! t.event(|| Event { time: 0, task: "main".into(), what: What::Runs });
//! t.say("hello");
//! t.event(|| Event { time: 0, task: "main".into(), what: What::Done });
//! t.loop_step(|| step(Did::Ran(Job::Task("main".into())), vec![Job::Stop], "is done"));
//! let json = t.steps_json("hello");
//! assert!(json.contains(r#""says":"main runs, says 1 line, and finishes.""#), "{json}");
//! assert!(json.contains(r#""rule":"main finished: the loop stops at the end of this round""#));
//! ```

use std::fmt::Write;

use crate::timeline::{Event, Logged, What};
use crate::{Line, Stamp};

/// What the loop did just before a [`LoopStep`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Did {
    /// The loop starts (`by`: its name, `aio` or `genloop`).
    Start { by: &'static str },
    /// A round begins: the jobs ready now run in it.
    Round,
    /// It ran this job, the front of the ready queue.
    Ran(Job),
    /// Nothing was ready: the clock went from `from` to the step's time
    /// (or stayed, for timers a blocking call made late), and the timers
    /// due fired.
    Clock { from: u64 },
    /// Nothing was ready and no timer set: it waited for the world (a
    /// thread, a socket) to wake a task.
    Outside,
}

/// An entry of the ready queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Job {
    /// Resume this task.
    Task(String),
    /// The done-callback of this finished task (gather's, wait's): it runs
    /// on a turn of its own, as asyncio's `call_soon` does.
    Callback { of: String },
    /// A socket is ready: wake the task that waits on it.
    Socket,
    /// `main` has finished: stop at the end of this round.
    Stop,
}

impl Job {
    /// How the stepper names it.
    pub fn name(&self) -> String {
        match self {
            Job::Task(name) => name.clone(),
            Job::Callback { of } => format!("callback: {of} done"),
            Job::Socket => "socket ready".into(),
            Job::Stop => "stop".into(),
        }
    }
}

/// A timer still to fire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timer {
    pub at: u64,
    /// Its place in the order timers were set in, from 1.
    pub set: u64,
    /// The task that set it.
    pub task: String,
}

/// What the loop held after it did something.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoopStep {
    pub did: Did,
    pub time: u64,
    /// The ready queue, front first.
    pub ready: Vec<Job>,
    /// How many of `ready`, from the front, still run in this round.
    pub this_round: usize,
    /// The timers, in the order they will fire.
    pub timers: Vec<Timer>,
    /// Every task so far, in the order they were made: its name, and what
    /// it does (`is ready`, `sleeps until 3`, `is done`).
    pub tasks: Vec<(String, String)>,
}

/// A [`LoopStep`], and where it happened among the lines and the events.
#[derive(Clone, Debug)]
pub(crate) struct Recorded {
    pub(crate) lines_before: usize,
    pub(crate) events_before: usize,
    pub(crate) step: LoopStep,
}

pub const FIRST_READY: &str = "first ready, first run";
pub const NEW_TASK: &str = "a new task goes to the back of the queue";
pub const GIVES_WAY: &str = "a task that gives way goes to the back";
pub const WOKEN: &str = "a woken task goes to the back";
pub const FINISHED_WAKES: &str =
    "a finished task wakes its waiters, in the order they began to wait";
pub const EXTRA_TURN: &str = "a done-callback takes one turn more";
pub const CLOCK_JUMPS: &str = "nothing ready: the clock jumps to the next timer";
pub const TIMERS_TOGETHER: &str = "timers due together fire in the order they were set";
pub const OVERDUE: &str = "an overdue timer wakes its task a round later";
pub const SOCKET: &str = "a ready socket wakes its task a round later";
pub const THREAD: &str = "a finished thread wakes its task";
pub const ROUND: &str = "a round runs what was ready when it began";
pub const STOP: &str = "main finished: the loop stops at the end of this round";
pub const BLOCKING: &str = "a blocking call holds everyone up";

/// Every rule a step can name. The book states each one in these words.
pub const RULES: [&str; 14] = [
    FIRST_READY,
    NEW_TASK,
    GIVES_WAY,
    WOKEN,
    FINISHED_WAKES,
    EXTRA_TURN,
    CLOCK_JUMPS,
    TIMERS_TOGETHER,
    OVERDUE,
    SOCKET,
    THREAD,
    ROUND,
    STOP,
    BLOCKING,
];

/// The frames of the stepper, as JSON: the run's `lines`, and one `steps`
/// entry per [`LoopStep`] (one per line of the text, so that a change
/// reads as a diff). No `<` in it: it can sit in an HTML `<script>`.
pub(crate) fn render_json(
    name: &str,
    lines: &[Line],
    events: &[Logged],
    steps: &[Recorded],
) -> String {
    let (runs, line_runs) = crate::timeline::runs_of(lines, events);
    if steps.is_empty() {
        return from_lines(name, lines, &line_runs);
    }
    let by = steps.iter().find_map(|r| match r.step.did {
        Did::Start { by } => Some(by),
        _ => None,
    });
    let mut out = String::new();
    let _ = write!(
        out,
        "{{\"name\":{},\"loop\":{},\"lines\":[",
        string(name),
        by.map_or("null".into(), string)
    );
    for (i, line) in lines.iter().enumerate() {
        let (time, task) = match &line.stamp {
            Some(Stamp { time, task }) => (time.to_string(), string(task)),
            None => ("null".into(), "null".into()),
        };
        let comma = if i == 0 { "" } else { "," };
        let _ = write!(out, "{comma}\n[{time},{task},{}]", string(&line.text));
    }
    out.push_str("\n],\"steps\":[");
    let mut before: Option<&Recorded> = None;
    let mut rounds = 0;
    for (i, recorded) in steps.iter().enumerate() {
        if recorded.step.did == Did::Round {
            rounds += 1;
        }
        let from = before.map_or(0, |b| b.events_before);
        let to = recorded.events_before.min(events.len());
        let happened: Vec<Event> = events[from.min(to)..to]
            .iter()
            .map(|logged| logged.event.clone())
            .collect();
        let run = runs[from.min(to)..to].iter().find_map(|run| *run);
        let said = recorded.lines_before - before.map_or(0, |b| b.lines_before);
        let frame = Frame::new(
            before.map(|b| &b.step),
            &recorded.step,
            &happened,
            said,
            rounds,
        );
        let comma = if i == 0 { "" } else { "," };
        out.push_str(comma);
        out.push('\n');
        let old_timers = before.map_or(&[][..], |b| &b.step.timers[..]);
        let new_timers: Vec<bool> = (recorded.step.timers.iter())
            .map(|timer| !old_timers.contains(timer))
            .collect();
        frame.write(
            &mut out,
            &recorded.step,
            run,
            recorded.lines_before,
            &new_timers,
        );
        before = Some(recorded);
    }
    out.push_str("\n]}\n");
    out
}

/// The steps of a run whose loop reported none (one the learner wrote,
/// or a snapshot's text): a step per line, that says it.
fn from_lines(name: &str, lines: &[Line], runs: &[Option<usize>]) -> String {
    let mut out = String::new();
    let _ = write!(out, "{{\"name\":{},\"loop\":null,\"lines\":[", string(name));
    let mut steps = String::new();
    for (i, line) in lines.iter().enumerate() {
        let comma = if i == 0 { "" } else { "," };
        let (time, task) = match &line.stamp {
            Some(Stamp { time, task }) => (time.to_string(), Some(task.as_str())),
            None => ("null".into(), None),
        };
        let task_json = task.map_or("null".into(), string);
        let _ = write!(out, "{comma}\n[{time},{task_json},{}]", string(&line.text));
        let says = format!(
            "{} says \u{201c}{}\u{201d}.",
            task.unwrap_or("The program"),
            line.text
        );
        let run = runs
            .get(i)
            .copied()
            .flatten()
            .map_or("null".into(), |r| r.to_string());
        let _ = write!(
            steps,
            "{comma}\n{{\"kind\":\"line\",\"time\":{time},\"says\":{},\"rule\":null,\"task\":{task_json},\"run\":{run},\"lines\":{},\"ready\":[],\"round\":0,\"timers\":[],\"tasks\":[]}}",
            string(&says),
            i + 1
        );
    }
    let _ = write!(out, "\n],\"steps\":[{steps}\n]}}\n");
    out
}

/// The steps of a run from its lines alone (a snapshot's text, read back
/// with [`crate::parse_rendered`]): a step per line.
pub fn steps_of_lines(name: &str, lines: &[Line]) -> String {
    render_json(name, lines, &[], &[])
}

/// What the stepper says about one step.
struct Frame {
    says: String,
    rule: Option<&'static str>,
    task: Option<String>,
    /// For each entry of the ready queue: why it entered in this step, if
    /// it did.
    why: Vec<Option<&'static str>>,
}

impl Frame {
    fn new(
        before: Option<&LoopStep>,
        step: &LoopStep,
        happened: &[Event],
        said: usize,
        rounds: usize,
    ) -> Frame {
        let empty = Vec::new();
        let old = before.map_or(&empty, |b| &b.ready);
        // The queue only loses its front (the job that ran) and gains at
        // its back: what is new is what follows the old entries left.
        let kept = match step.did {
            Did::Ran(_) => old.get(1..).unwrap_or(&[]),
            _ => &old[..],
        };
        let fresh = if step.ready.starts_with(kept) {
            kept.len()
        } else {
            step.ready.len() // cannot tell: call nothing new
        };
        let known = |name: &str| before.is_some_and(|b| b.tasks.iter().any(|(n, _)| n == name));
        let ran = match &step.did {
            Did::Ran(Job::Task(name)) => Some(name.clone()),
            _ => None,
        };
        let ended = |task: &str| {
            happened.iter().any(|e| {
                e.task == task && matches!(e.what, What::Done | What::Failed | What::Cancelled)
            })
        };
        let fired = step.ready.len() - fresh;
        // Whether task `name` waited for `ran` before this step.
        let waited_for = |name: &str, ran: &str| {
            before.is_some_and(|b| {
                b.tasks.iter().any(|(n, doing)| {
                    n == name
                        && doing.starts_with("waits for")
                        && doing.split([' ', ',']).any(|w| w == ran)
                })
            })
        };
        let why_new = |job: &Job| -> &'static str {
            if *job == Job::Stop {
                return STOP;
            }
            match &step.did {
                Did::Start { .. } => NEW_TASK,
                Did::Round | Did::Ran(Job::Socket) => SOCKET,
                Did::Outside if *job == Job::Socket => SOCKET,
                Did::Outside => THREAD,
                Did::Clock { from } if *from == step.time => OVERDUE,
                Did::Clock { .. } if fired > 1 => TIMERS_TOGETHER,
                Did::Clock { .. } => CLOCK_JUMPS,
                Did::Ran(Job::Callback { .. }) => EXTRA_TURN,
                Did::Ran(Job::Stop) => STOP,
                Did::Ran(Job::Task(ran)) => match job {
                    Job::Task(name) if name == ran => GIVES_WAY,
                    Job::Task(name) if !known(name) => NEW_TASK,
                    Job::Task(name) if ended(ran) && waited_for(name, ran) => FINISHED_WAKES,
                    Job::Callback { .. } => FINISHED_WAKES,
                    _ => WOKEN,
                },
            }
        };
        let why: Vec<Option<&'static str>> = step
            .ready
            .iter()
            .enumerate()
            .map(|(i, job)| (i >= fresh).then(|| why_new(job)))
            .collect();
        let first_new = why.iter().flatten().next().copied();
        let new: Vec<&Job> = step.ready[fresh..].iter().collect();
        let blocked = happened
            .iter()
            .any(|e| matches!(e.what, What::Blocks { .. }));
        let rule = match &step.did {
            Did::Start { .. } => Some(NEW_TASK),
            Did::Round => Some(first_new.unwrap_or(ROUND)),
            Did::Ran(Job::Stop) => Some(STOP),
            Did::Ran(_) if blocked => Some(BLOCKING),
            Did::Ran(_) => Some(first_new.unwrap_or(FIRST_READY)),
            _ => first_new,
        };
        let says = says(step, happened, &new, said, rounds, &ran, &known);
        Frame {
            says,
            rule,
            task: ran,
            why,
        }
    }

    fn write(
        &self,
        out: &mut String,
        step: &LoopStep,
        run: Option<usize>,
        lines: usize,
        new_timers: &[bool],
    ) {
        let kind = match &step.did {
            Did::Start { .. } => "start",
            Did::Round => "round",
            Did::Ran(Job::Task(_)) => "turn",
            Did::Ran(Job::Stop) => "stop",
            Did::Ran(_) => "call",
            Did::Clock { .. } => "clock",
            Did::Outside => "outside",
        };
        let opt = |s: Option<&str>| s.map_or("null".into(), string);
        let _ = write!(
            out,
            "{{\"kind\":\"{kind}\",\"time\":{},\"says\":{},\"rule\":{},\"task\":{},\"run\":{},\"lines\":{lines},\"ready\":[",
            step.time,
            string(&self.says),
            opt(self.rule),
            opt(self.task.as_deref()),
            run.map_or("null".into(), |r| r.to_string()),
        );
        for (i, (job, why)) in step.ready.iter().zip(&self.why).enumerate() {
            let comma = if i == 0 { "" } else { "," };
            let _ = write!(
                out,
                "{comma}{{\"name\":{},\"new\":{},\"why\":{}}}",
                string(&job.name()),
                why.is_some(),
                opt(*why)
            );
        }
        let _ = write!(out, "],\"round\":{},\"timers\":[", step.this_round);
        for (i, (timer, new)) in step.timers.iter().zip(new_timers).enumerate() {
            let comma = if i == 0 { "" } else { "," };
            let _ = write!(
                out,
                "{comma}{{\"at\":{},\"set\":{},\"task\":{},\"new\":{new}}}",
                timer.at,
                timer.set,
                string(&timer.task)
            );
        }
        out.push_str("],\"tasks\":[");
        for (i, (name, doing)) in step.tasks.iter().enumerate() {
            let comma = if i == 0 { "" } else { "," };
            let _ = write!(out, "{comma}[{},{}]", string(name), string(doing));
        }
        out.push_str("]}");
    }
}

/// The step in one sentence.
#[allow(clippy::too_many_arguments)]
fn says(
    step: &LoopStep,
    happened: &[Event],
    new: &[&Job],
    said: usize,
    rounds: usize,
    ran: &Option<String>,
    known: &dyn Fn(&str) -> bool,
) -> String {
    let names = |jobs: &[&Job]| and(jobs.iter().map(|job| job.name()).collect());
    let becomes = if new.len() == 1 { "becomes" } else { "become" };
    let woken: Vec<&Job> = new
        .iter()
        .copied()
        .filter(|job| !matches!(job, Job::Stop) && Some(job.name()) != *ran)
        .collect();
    match &step.did {
        Did::Start { .. } => format!("The loop starts with {} ready.", names(&step.ready.iter().collect::<Vec<_>>())),
        Did::Round => {
            let jobs: Vec<&Job> = step.ready[..step.this_round].iter().collect();
            let mut says = format!(
                "Round {rounds} begins with {} ready: {}.",
                count(jobs.len(), "job"),
                names(&jobs)
            );
            if !new.is_empty() {
                let _ = write!(says, " A socket is ready: {} joins the round.", names(new));
            }
            says
        }
        Did::Clock { from } if *from == step.time => format!(
            "The clock is past their deadlines already: overdue timers fire now, and {} {becomes} ready.",
            names(new)
        ),
        Did::Clock { from } => format!(
            "Nothing is ready: the clock jumps from {from} to {}, and {} {becomes} ready.",
            step.time,
            names(new)
        ),
        Did::Outside if new.is_empty() => "Nothing is ready, and a thread due by the next timer still runs: the loop waits for it, for real, before the clock moves on.".into(),
        Did::Outside => format!("Nothing is ready: the loop waits for the world outside, and {} {becomes} ready.", names(new)),
        Did::Ran(Job::Stop) => "The stop job runs: main has finished, so this is the last round.".into(),
        Did::Ran(Job::Socket) => format!("A socket's wake runs: {} is ready again.", names(&woken)),
        Did::Ran(Job::Callback { of }) => {
            if woken.is_empty() {
                format!("The callback for {of} runs: nobody is woken yet.")
            } else {
                format!("The callback for {of} runs, and wakes {}.", names(&woken))
            }
        }
        Did::Ran(Job::Task(task)) => {
            let mine: Vec<&What> = happened.iter().filter(|e| e.task == *task).map(|e| &e.what).collect();
            if mine.is_empty() {
                return format!("{task} was in the queue, but has finished already: nothing to do.");
            }
            let mut parts = vec![format!("{task} runs")];
            if said > 0 {
                parts.push(format!("says {}", count(said, "line")));
            }
            for what in &mine {
                if let What::Blocks { until } = what {
                    parts.push(format!("blocks the whole loop until {until}"));
                }
            }
            let started: Vec<&Job> = woken.iter().copied().filter(|j| matches!(j, Job::Task(n) if !known(n))).collect();
            if !started.is_empty() {
                parts.push(format!("starts {}", names(&started)));
            }
            let (callbacks, others): (Vec<&Job>, Vec<&Job>) = (woken.iter().copied())
                .filter(|j| !started.contains(j))
                .partition(|j| matches!(j, Job::Callback { .. }));
            if !others.is_empty() {
                parts.push(format!("wakes {}", names(&others)));
            }
            if !callbacks.is_empty() {
                parts.push("queues the callback of whoever waits for it".into());
            }
            let end = mine.iter().rev().find(|w| !matches!(w, What::Runs | What::Blocks { .. }));
            parts.push(match end {
                Some(What::GivesWay) => "gives way".into(),
                Some(What::Sleeps { until }) => format!("sleeps until {until}"),
                Some(What::Waits { on }) => format!("waits for {on}"),
                Some(What::Done) => "finishes".into(),
                Some(What::Failed) => "fails".into(),
                Some(What::Cancelled) => "is cancelled".into(),
                _ if new.iter().any(|j| Some(j.name()) == *ran) => "gives way".into(),
                _ => "waits".into(),
            });
            let last = parts.pop().unwrap_or_default();
            if parts.len() == 1 {
                format!("{} and {last}.", parts[0])
            } else {
                format!("{}, and {last}.", parts.join(", "))
            }
        }
    }
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// `A`, `A and B`, `A, B and C`.
fn and(names: Vec<String>) -> String {
    match names.split_last() {
        None => "nothing".into(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// A JSON string that can sit inside an HTML `<script>` without ending
/// it: `<`, `>` and `&` escaped too.
fn string(text: &str) -> String {
    (crate::json_string(text).replace('<', "\\u003c"))
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
