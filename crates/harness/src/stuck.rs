//! What the watchdog says about a program it stopped: where it was, and
//! which of the ways a program gets stuck it looks like. A task that never
//! gives way keeps its thread busy; a blocking call, or a loop that waits
//! for something that never comes, keeps it asleep; a loop that goes
//! round for ever moves its clock or says more lines. The watchdog looks
//! twice, a moment apart, and asks the system whether the thread runs.

use std::sync::mpsc;
use std::time::Duration;

use trace::{Stamp, Trace};

/// How long the watchdog waits for an answer from the trace: the code
/// that stamps each line (the learner's, in the chapters where the
/// learner writes the loop) may never return, or hold the trace's lock.
const PATIENCE: Duration = Duration::from_secs(1);

/// Between the watchdog's two looks.
const GAP: Duration = Duration::from_millis(100);

/// What the trace showed at one look.
#[derive(PartialEq)]
struct Look {
    stamp: Option<Stamp>,
    lines: usize,
    /// The last lines, as the message shows them.
    last: String,
}

/// The program's thread, as the system knows it (Linux: its `/proc`
/// entry), so that the watchdog can ask whether it runs or sleeps.
/// Called on that thread.
pub(crate) fn this_thread() -> Option<String> {
    let link = std::fs::read_link("/proc/thread-self").ok()?;
    Some(link.file_name()?.to_string_lossy().into_owned())
}

/// The message for a program stopped after `limit`: what it said last,
/// and which kind of stuck it looks like. `chapter` picks the words: a
/// generator is resumed and yields (chapters 1 to 4), a future is polled
/// and awaits (chapter 5 on).
pub(crate) fn report(
    trace: &Trace,
    thread: Option<&str>,
    chapter: Option<u32>,
    limit: Duration,
) -> String {
    let head = format!(
        "the program did not finish within {:.1} seconds, so the watchdog stopped the test.\n",
        limit.as_secs_f64()
    );
    let no_answer = format!(
        "{head}The trace did not answer within {:.1} seconds when the watchdog asked which task \
         was running: the code that stamps each line with the time and the task (the stamper, \
         `set_stamper`) never returns, or something holds the trace while it waits.",
        PATIENCE.as_secs_f64()
    );
    let Some(first) = look(trace) else {
        return no_answer;
    };
    std::thread::sleep(GAP);
    let Some(second) = look(trace) else {
        return no_answer;
    };
    let futures = chapter.is_some_and(|chapter| chapter >= 5);
    let (resumed, gives_way) = if futures {
        (
            "polled",
            "returns from its poll (a loop in it that reaches no `.await`, or awaits only what is ready at once)",
        )
    } else {
        ("resumed", "yields (a loop in it that reaches no `.await`)")
    };
    if chapter.is_some_and(|chapter| chapter >= 8) {
        // The lines are said in each schedule's own trace, not this one.
        let still_trying = match (&first.stamp, &second.stamp) {
            (Some(before), Some(after)) if before.time != after.time => Some(after.time),
            _ => None,
        };
        if let Some(tried) = still_trying {
            return format!(
                "{head}The check was still trying schedules: it had tried {tried} of them, and \
                 the program has more than it can try in time. The programs of this chapter \
                 have a few hundred at most; each task and each `.await` multiplies them. Are \
                 there more tasks, or more places to wait, than the exercise needs?"
            );
        }
        return format!(
            "{head}{}",
            every_schedule_stuck(first.stamp.as_ref(), thread)
        );
    }
    let said = format!(
        "It said {} line(s) before it was stopped.{}",
        second.lines, second.last
    );
    let Some(Stamp { time, task }) = first.stamp.clone() else {
        // No loop stamps the lines: a plain program, or a generator.
        return format!(
            "{head}A loop that never ends, or a generator that is never finished, is the usual cause.\n{said}"
        );
    };
    let where_ = format!("The loop last {resumed} task {task}, at time {time}");
    let why = if second != first {
        let moved = match second.stamp {
            Some(later) if later.time != time => {
                format!("its clock went from {time} to {}", later.time)
            }
            Some(later) if later.task != task => {
                format!("it went from task {task} to task {}", later.task)
            }
            _ => "it said more lines".to_string(),
        };
        let yours = if futures {
            ""
        } else {
            ", or a loop of yours turns without resuming any task"
        };
        format!(
            "The loop keeps going round without finishing: in {:.1} seconds {moved}. \
             A task that gives way for ever, a timer set again and again{yours}, is the usual cause.",
            GAP.as_secs_f64()
        )
    } else {
        match thread.and_then(thread_state) {
            Some('R') => format!(
                "{where_}, and it never gave control back: the task is still running, and never {gives_way}, \
                 so nothing else can run."
            ),
            Some('S' | 'D') => format!(
                "{where_}, and nothing has moved since: the thread sleeps. Either that task is stuck in a \
                 blocking call (std::thread::sleep, blocking I/O, a lock or a channel nobody releases), \
                 which holds up every other task, or the loop waits for something that never comes \
                 (a socket nobody writes to, a thread that never ends)."
            ),
            // Not Linux, or the thread is gone: say every way it can be.
            _ => format!(
                "{where_}, and never got control back: either that task never yields or is stuck in a \
                 blocking call (std::thread::sleep, blocking I/O), which holds up every other task, \
                 or the loop itself goes round forever, or every task waits for something that never \
                 comes (a socket nobody writes to)."
            ),
        }
    };
    format!("{head}{why}\n{said}")
}

/// Chapter 8: the scheduler that tries every schedule polls one task at a
/// time on this thread, so a turn that never ends stops every schedule.
/// Its stamp says where it was: `time` is the schedule, `task` the turn's.
fn every_schedule_stuck(at: Option<&Stamp>, thread: Option<&str>) -> String {
    let whose = match at {
        Some(Stamp { time, task }) => format!("The turn of {task}, on schedule {time},"),
        None => "One task's turn".to_string(),
    };
    let blocked = format!(
        "{whose} never came back, and the thread sleeps: the task blocks it. A \
         `std::sync::Mutex` locked again by the task that holds it, a `blocking_recv` or \
         `blocking_lock`, `std::thread::sleep`: on a runtime with workers, such a call holds up \
         its whole worker, and here, every schedule."
    );
    let running = format!(
        "{whose} never came back: it runs a loop that reaches no `.await` (or awaits only what \
         is ready at once, such as `recv` on a closed channel), so no other task gets a turn."
    );
    match thread.and_then(thread_state) {
        Some('S' | 'D') => blocked,
        Some('R') => running,
        _ => format!("{running} Or: {blocked}"),
    }
}

/// The stamp and the number of lines, asked from another thread, or
/// `None` if the trace does not answer within [`PATIENCE`].
fn look(trace: &Trace) -> Option<Look> {
    let (answer, answered) = mpsc::channel();
    let trace = trace.clone();
    std::thread::Builder::new()
        .name("watchdog's look".into())
        .spawn(move || {
            let _ = answer.send(Look {
                stamp: trace.stamp(),
                lines: trace.texts().len(),
                last: crate::last_lines(&trace),
            });
        })
        .ok()?;
    answered.recv_timeout(PATIENCE).ok()
}

/// `R` (running), `S` (asleep), `D` (in the kernel): the state of thread
/// `thread` of this process, where the system says (Linux).
fn thread_state(thread: &str) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/self/task/{thread}/stat")).ok()?;
    // "TID (name) STATE …": the name may hold spaces and parentheses.
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.trim_start().chars().next()
}
