//! What a learner sees when a program goes wrong, word for word, on
//! either loop. None of these may hang: each ends with a message. Each
//! function is the test of the same name in `tests/failures.rs` of
//! `genloop` and of `aio`, and its comment says the program it is given.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use trace::Trace;

use crate::{Loop, LoopError, panic_of};

/// `deadlocked` makes the program: at time 3, main awaits A, A awaits B,
/// B awaits A. (Run twice: once for the error, once for `run`'s panic.)
pub fn tasks_that_wait_for_each_other_are_a_deadlock<L: Loop>(
    deadlocked: impl Fn() -> L::Main<()>,
) {
    let message = "deadlock at time 3: every task waits and no timer is set; \
                   main waits for A, A waits for B, B waits for A. \
                   (asyncio would hang here forever.)";
    let error = L::try_run(&Trace::new(), deadlocked()).unwrap_err();
    assert!(matches!(error, LoopError::Deadlock { time: 3, .. }));
    assert_eq!(error.to_string(), message);
    assert_eq!(panic_of(|| L::run(&Trace::new(), deadlocked())), message);
}

/// B says `starts`, sleeps 1 and panics with "boom"; main awaits B's
/// outcome (without failing), says its `{:?}` (`outcome_debug`, in this
/// loop's words) and its message, and returns "main carries on".
pub fn a_task_that_panics_fails_alone_and_whoever_awaits_it_learns_why<L: Loop>(
    outcome_debug: &str,
    main: L::Main<&'static str>,
) {
    let t = Trace::new();
    let result = L::try_run(&t, main);
    assert_eq!(result, Ok("main carries on"));
    assert_eq!(
        t.render(),
        format!(
            "  0 [B] starts\n\
             \x20 1 [main] {outcome_debug}\n\
             \x20 1 [main] task B failed: boom\n"
        )
    );
}

/// In `fails_later`, B sleeps 1 and panics with "boom", and main awaits
/// it, then would say "never said"; in `fails_at_once`, B panics at once
/// and main awaits it.
pub fn awaiting_passes_a_failure_on_like_python_reraising<L: Loop>(
    fails_later: L::Main<()>,
    fails_at_once: L::Main<()>,
) {
    let t = Trace::new();
    let error = L::try_run(&t, fails_later).unwrap_err();
    assert_eq!(
        error,
        LoopError::MainFailed(L::failed("main", "task B failed: boom"))
    );
    assert_eq!(error.to_string(), "task main failed: task B failed: boom");
    assert_eq!(t.render(), "");
    assert_eq!(
        panic_of(|| L::run(&Trace::new(), fails_at_once)),
        "task main failed: task B failed: boom"
    );
}

/// B says `starts` and panics with "boom"; main sleeps 1, says "returns
/// without awaiting B" and returns.
pub fn a_failure_nobody_awaited_is_reported_at_the_end<L: Loop>(main: L::Main<()>) {
    let t = Trace::new();
    let error = L::try_run(&t, main).unwrap_err();
    assert_eq!(
        error,
        LoopError::NeverRetrieved(vec![L::failed("B", "boom")])
    );
    assert_eq!(
        error.to_string(),
        "task B failed: boom, and no task awaited it. \
         (asyncio would log \"Task exception was never retrieved\".)"
    );
    assert_eq!(
        t.render(),
        "  0 [B] starts\n  1 [main] returns without awaiting B\n"
    );
}

/// B panics with "boom", C with `panic_any(42)`; main sleeps 1 and
/// returns, awaiting neither.
pub fn several_failures_nobody_awaited_are_all_reported<L: Loop>(main: L::Main<()>) {
    let error = L::try_run(&Trace::new(), main).unwrap_err();
    assert_eq!(
        error.to_string(),
        "task B failed: boom; task C failed: (a panic without a message), \
         and no task awaited them. \
         (asyncio would log \"Task exception was never retrieved\".)"
    );
}

/// A sleeps 1 and panics with "boom"; B sleeps 2 and would say "never
/// said: the loop stopped at 1"; main gathers A and B.
pub fn gather_fails_as_soon_as_one_task_fails<L: Loop>(main: L::Main<()>) {
    let t = Trace::new();
    let error = L::try_run(&t, main).unwrap_err();
    assert_eq!(error.to_string(), "task main failed: task A failed: boom");
    assert_eq!(t.render(), "");
}

/// A sleeps 0 in an endless loop; main awaits A.
pub fn a_task_that_yields_forever_is_stopped_after_the_step_budget<L: Loop>(main: L::Main<()>) {
    let error = L::try_run(&Trace::new(), main).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "the program was still running after {} steps, at time 0: \
             main waits for A, A is ready. \
             Does a task loop forever? (asyncio would never finish.)",
            L::STEP_BUDGET
        )
    );
}

/// A thousand tasks `T0`…`T999` each sleep 1 ten times and return 10;
/// main gathers them and returns the sum: about 11,000 steps.
pub fn legit_programs_stay_far_below_the_step_budget<L: Loop>(main: L::Main<u32>) {
    let counted = L::run(&Trace::new(), main);
    assert_eq!(counted, 10_000);
    const { assert!(11_000 * 10 < L::STEP_BUDGET) };
}

/// `spins(stop)` makes the program: B sleeps 2, says "counts forever" and
/// spins until `stop` is set, never yielding; main awaits B. It is made
/// on the harness's thread, where it runs. `chapter` is the folder of a
/// chapter that uses this loop, whose words the watchdog speaks, and
/// `stuck` what it says of B: "resumed task B, …, never yields" for
/// generators, "polled task B, …, never returns from its poll" for futures.
pub fn a_task_that_never_yields_is_named_by_the_harness_watchdog<L: Loop>(
    chapter: &str,
    stuck: &str,
    spins: impl FnOnce(Arc<AtomicBool>) -> L::Main<()> + Send + 'static,
) {
    // Nothing can take the turn from a task that never yields: only the
    // harness's watchdog ends it, and the trace tells it which task ran.
    let stop = Arc::new(AtomicBool::new(false));
    let spinning = stop.clone();
    // The program never finishes, so no snapshot is read: a folder named
    // as the chapter's crate is all the watchdog needs, for its words.
    let chapter_dir = std::env::temp_dir().join(chapter);
    let watched = harness::Exercise::demo("spins", &chapter_dir, false)
        .with_watchdog(Duration::from_millis(200));
    let message = panic_of(move || {
        watched.check("spins", move |t| L::run(t, spins(spinning)));
    });
    stop.store(true, Ordering::Relaxed); // let the spinning thread go
    // Where the system cannot say whether the thread runs, the watchdog
    // names every way a program gets stuck.
    let expected = if cfg!(target_os = "linux") {
        stuck.to_string()
    } else {
        "and never got control back: either that task never yields or is stuck in a blocking call"
            .to_string()
    };
    assert!(message.contains(&expected), "{message}");
}
