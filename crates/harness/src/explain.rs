//! Mistakes whose symptom is quiet, or whose raw message says little, get
//! a sentence that names the mistake. The appendix "When things go wrong"
//! of the book quotes these; the tests below hold them, and the harness's
//! other messages a learner meets most (watchdog, line limit), word for
//! word.

use crate::{Exercise, Trace};

/// What Rust panics with when a finished `async` body (a genawaiter
/// generator's) is resumed.
const RESUMED_AFTER_COMPLETION: &str = "resumed after completion";

/// What tokio panics with when `tokio::spawn` (or its clock, or its I/O)
/// is used outside a tokio runtime: in chapter 8, under the scheduler
/// that tries every schedule.
const NO_TOKIO_RUNTIME: &str = "must be called from the context of a Tokio 1.x runtime";

/// What `unwrap` says of a failed send (tokio's and std's channels):
/// the receiving half is gone.
const SEND_FAILED: &str = "`Err` value: SendError";
/// ... and of a failed receive: every sending half is gone, nothing sent.
const RECV_FAILED: &str = "`Err` value: RecvError";

/// A sentence for a panic that says little to a learner, if we know one.
pub(crate) fn panic_explanation(message: &str) -> Option<&'static str> {
    if message.contains(SEND_FAILED) {
        return Some(
            "A send on a channel failed because its receiving half is gone: the task that held \
             the receiver returned (or was dropped) while others still had something to send. \
             In the schedule, find that task's last turn: should it have gone on receiving?",
        );
    }
    if message.contains(RECV_FAILED) {
        return Some(
            "A receive on a channel failed because every sending half is gone and nothing was \
             sent: a `oneshot::Sender` dropped unsent (with the job that carried it), or the \
             last `Sender` of a channel dropped. In the schedule, find who held the sender, \
             and its last turn.",
        );
    }
    if message.contains(RESUMED_AFTER_COMPLETION) {
        return Some(
            "A generator was resumed after it had finished: its last resume returned \
             `Complete`, and there is nothing left to run. Stop resuming it once you get \
             `Complete` (Python raises StopIteration there).",
        );
    }
    message.contains(NO_TOKIO_RUNTIME).then_some(
        "In chapter 8, start tasks with `many::spawn` (and `many::spawn_blocking`, \
         `many::JoinSet`), not `tokio::spawn`: the check runs your program on a scheduler of \
         its own, which tries every schedule, and there is no tokio runtime there. `many::spawn` \
         asks for what `tokio::spawn` asks for, and runs on tokio when the program does.",
    )
}

/// For a program that sends values into a generator: the symptom of a
/// send before priming. The generator's first yield, `first_yield`, came
/// out in reply to the first send, and the value sent first,
/// `first_sent`, appears nowhere: genawaiter dropped it, silently.
pub fn sent_before_priming(
    first_yield: &'static str,
    first_sent: &'static str,
) -> impl Fn(&str) -> Option<String> + Send + Sync + 'static {
    move |actual: &str| {
        let first_line = actual.lines().next()?;
        if first_line.trim() != first_yield || actual.contains(first_sent) {
            return None;
        }
        Some(format!(
            "{first_sent:?} was sent to a generator that had not started: your first line is \
             {first_yield:?}, what the generator yields before it receives anything, and \
             {first_sent:?} is never seen. The first resume only runs the body to its first yield, \
             and genawaiter drops the value it carries, silently. (Python refuses it: \
             \"TypeError: can't send non-None value to a just-started generator\".) \
             Prime the generator first."
        ))
    }
}

impl Exercise {
    /// [`Exercise::check`], but a trace that differs from the snapshot is
    /// first shown to `explain`: if it recognises a known mistake, the test
    /// fails with its sentence instead of the diff.
    pub fn check_explained(
        &self,
        name: &str,
        explain: impl Fn(&str) -> Option<String>,
        program: impl FnOnce(&Trace) + Send + 'static,
    ) {
        let ran = self.run(name, program);
        let explanation = (!crate::blessing()
            && self.expected(name).trim_end() != ran.trace.trim_end())
        .then(|| explain(&ran.trace))
        .flatten();
        if let Some(record) = verdict::record::requested() {
            let mut finished = ran.finished(name, None, false);
            finished.explanation = explanation;
            return verdict::record::finished(&record, &finished);
        }
        if let Some(why) = explanation {
            self.fail(&why);
        }
        self.compare(name, &ran.trace);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_send_before_priming_is_named() {
        let explain = sent_before_priming("Hello, world", "Ann");
        // What the unprimed `greet_all` of exercise `priming` says.
        let unprimed = "Hello, world\nHello, Bob\nHello, Chen\nmain: done\n";
        assert_eq!(
            explain(unprimed).as_deref(),
            Some(
                "\"Ann\" was sent to a generator that had not started: your first line is \
                 \"Hello, world\", what the generator yields before it receives anything, and \
                 \"Ann\" is never seen. The first resume only runs the body to its first yield, \
                 and genawaiter drops the value it carries, silently. (Python refuses it: \
                 \"TypeError: can't send non-None value to a just-started generator\".) \
                 Prime the generator first."
            )
        );
        // Other mistakes keep their diff.
        assert_eq!(explain("Hello, Ann\nHello, Bob\n"), None);
        assert_eq!(explain("Hello, world\nHello, Ann\n"), None);
        assert_eq!(explain(""), None);
    }

    /// An exercise `basket` whose snapshot holds `expected`, in a folder
    /// of its own; the caller removes the folder.
    fn exercise_expecting(expected: &str) -> Exercise {
        let dir = std::env::temp_dir().join(format!(
            "harness-explain-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::create_dir_all(dir.join("snapshots")).unwrap();
        let snap = format!("---\nsource: x\ndescription: y\n---\n{expected}");
        std::fs::write(dir.join("snapshots/basket.snap"), snap).unwrap();
        Exercise {
            id: "basket",
            chapter_dir: dir,
            solutions: false,
            about: Some(crate::About {
                file: "exercises/ch02_send/forgot_to_stop.rs".into(),
                page: "book/src/ch02-send/return-values.md".into(),
                title: "Resumed after the end".into(),
                kind: manifest::Kind::Fix,
            }),
            watchdog: std::time::Duration::from_secs(2),
            warnings_fail: false,
        }
    }

    /// Run `f`, which must fail the test, and return its message.
    fn failure(f: impl FnOnce()) -> String {
        let payload = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
            .expect_err("the check should have failed");
        crate::panic_message(&*payload)
    }

    const FOOTER: &str = "→ exercise `basket` (Resumed after the end, fix): \
        edit exercises/ch02_send/forgot_to_stop.rs · read book/src/ch02-send/return-values.md · \
        stuck? cargo wb hint basket";

    #[test]
    fn tokio_spawn_under_the_scheduler_of_chapter_8_says_to_use_many_spawn() {
        let ex = exercise_expecting("x\n");
        let message = failure(|| {
            ex.check("hello", |_t| {
                panic!(
                    "there is no reactor running, must be called from the context of a Tokio 1.x runtime"
                )
            })
        });
        assert!(
            message.contains("In chapter 8, start tasks with `many::spawn`"),
            "{message}"
        );
    }

    #[test]
    fn the_failure_of_a_generator_resumed_after_completion_says_so() {
        use std::future::Future;
        use std::task::{Context, Waker};
        let ex = exercise_expecting("full\n");
        let message = failure(|| {
            ex.check("basket", |t| {
                // What a genawaiter generator is made of: an `async` body,
                // here resumed once more after it has finished.
                let mut body = Box::pin(async { 1 });
                let mut cx = Context::from_waker(Waker::noop());
                for _ in 0..2 {
                    t.say(format!("{:?}", body.as_mut().poll(&mut cx)));
                }
            })
        });
        // No location: only a place in the learner's files is named.
        let rest = message
            .strip_prefix("exercise `basket`: the program panicked: ")
            .expect(&message);
        assert_eq!(
            rest,
            format!(
                "`async fn` resumed after completion\n\
                 A generator was resumed after it had finished: its last resume returned \
                 `Complete`, and there is nothing left to run. Stop resuming it once you get \
                 `Complete` (Python raises StopIteration there).\n\
                 The last lines it said:\n    Ready(1)\n\n{FOOTER}"
            )
        );
        std::fs::remove_dir_all(&ex.chapter_dir).unwrap();
    }

    #[test]
    fn a_send_before_priming_fails_with_its_explanation_not_the_diff() {
        let ex = exercise_expecting("Hello, Ann\nmain: done\n");
        let program = |t: &Trace| {
            t.say("Hello, world");
            t.say("main: done");
        };
        let message = failure(|| {
            ex.check_explained(
                "basket",
                sent_before_priming("Hello, world", "Ann"),
                program,
            )
        });
        assert!(
            message.starts_with(
                "exercise `basket`: \"Ann\" was sent to a generator that had not started"
            ),
            "{message}"
        );
        assert!(
            message.ends_with(&format!("Prime the generator first.\n\n{FOOTER}")),
            "{message}"
        );
        // The right trace passes; another wrong one gets the usual diff.
        ex.check_explained("basket", sent_before_priming("Hello, world", "Ann"), |t| {
            t.say("Hello, Ann");
            t.say("main: done");
        });
        let message = failure(|| {
            ex.check_explained("basket", sent_before_priming("Hello, world", "Ann"), |t| {
                t.say("Hello, Ann")
            })
        });
        assert!(
            message.starts_with("snapshot assertion for 'basket' failed"),
            "{message}"
        );
        std::fs::remove_dir_all(&ex.chapter_dir).unwrap();
    }

    #[test]
    #[cfg(target_os = "linux")] // the system says the thread runs
    fn the_watchdog_message_word_for_word() {
        let mut ex = exercise_expecting("a\n");
        ex.watchdog = std::time::Duration::from_millis(200);
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let spinning = stop.clone();
        let message = failure(|| {
            ex.check("basket", move |t| {
                // What an event loop does: stamp each line with time and task.
                t.set_stamper(|| trace::Stamp {
                    time: 3,
                    task: "B".into(),
                });
                t.say("counts forever");
                while !spinning.load(std::sync::atomic::Ordering::Relaxed) {
                    std::hint::spin_loop();
                }
            })
        });
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        assert_eq!(
            message,
            format!(
                "exercise `basket`: the program did not finish within 0.2 seconds, so the watchdog stopped the test.\n\
                 The loop last resumed task B, at time 3, and it never gave control back: the task is \
                 still running, and never yields (a loop in it that reaches no `.await`), so nothing else can run.\n\
                 It said 1 line(s) before it was stopped.\n\
                 The last lines it said:\n    counts forever\n\n{FOOTER}"
            )
        );
        std::fs::remove_dir_all(&ex.chapter_dir).unwrap();
    }

    #[test]
    fn the_line_limit_message_word_for_word() {
        let ex = exercise_expecting("a\n");
        let message = failure(|| {
            ex.check("basket", |t| {
                for i in 0.. {
                    t.say(i);
                }
            })
        });
        assert_eq!(
            message,
            format!(
                "exercise `basket`: the program said more lines than any exercise needs (10000 lines); \
                 the last one was \"10000\". Does a loop never end, or an iterator never return None?\n\
                 The last lines it said:\n    9995\n    9996\n    9997\n    9998\n    9999\n\n{FOOTER}"
            )
        );
        std::fs::remove_dir_all(&ex.chapter_dir).unwrap();
    }

    #[test]
    fn a_generator_resumed_after_completion_is_named() {
        assert_eq!(
            panic_explanation("`async fn` resumed after completion"),
            Some(
                "A generator was resumed after it had finished: its last resume returned \
                 `Complete`, and there is nothing left to run. Stop resuming it once you get \
                 `Complete` (Python raises StopIteration there)."
            )
        );
        assert_eq!(panic_explanation("boom"), None);
    }

    /// What `unwrap` prints for tokio's channel errors, as a task of
    /// chapter 8 panics with them.
    #[test]
    fn a_channel_whose_other_half_is_gone_is_named() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let (send, receive) = tokio::sync::mpsc::channel::<u32>(1);
        drop(receive);
        let send_failed = runtime.block_on(send.send(1)).unwrap_err();
        let (reply, answer) = tokio::sync::oneshot::channel::<u32>();
        drop(reply);
        let receive_failed = runtime.block_on(answer).unwrap_err();
        let unwrapped = |err: &dyn std::fmt::Debug| {
            format!("task 3 panicked: called `Result::unwrap()` on an `Err` value: {err:?}")
        };
        let why = panic_explanation(&unwrapped(&send_failed));
        assert!(
            why.is_some_and(|w| w.contains("its receiving half is gone")),
            "{why:?}"
        );
        let why = panic_explanation(&unwrapped(&receive_failed));
        assert!(
            why.is_some_and(|w| w.contains("every sending half is gone")),
            "{why:?}"
        );
    }
}
