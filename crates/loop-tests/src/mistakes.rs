//! A learner's mistakes that either loop names, word for word: a task
//! that awaits itself fails; a task left pending and a task that blocks
//! the loop earn a warning on standard error (never a line in the
//! trace). Each function is the test of the same name in
//! `tests/mistakes.rs` of `genloop` and of `aio`, and its comment says the
//! program it is given.

use std::time::Duration;

use trace::Trace;

use crate::{Loop, LoopError};

/// The warnings of one kind, told apart by how they start, so that a slow
/// turn on a loaded machine does not upset a test about pending tasks.
pub fn warnings_containing<L: Loop>(what: &str) -> Vec<String> {
    L::take_warnings()
        .into_iter()
        .filter(|warning| warning.contains(what))
        .collect()
}

/// A says "awaits itself" and awaits its own handle (which main put in a
/// slot for it), then would say "never said"; main awaits A.
pub fn a_task_that_awaits_itself_fails_at_once<L: Loop>(main: L::Main<()>) {
    let t = Trace::new();
    let error = L::try_run(&t, main).unwrap_err();
    assert_eq!(
        error,
        LoopError::MainFailed(L::failed(
            "main",
            "task A failed: it awaits itself, and a task cannot wait for its own end. \
             (asyncio raises \"RuntimeError: Task cannot await on itself\".)"
        ))
    );
    assert_eq!(
        error.to_string(),
        "task main failed: task A failed: it awaits itself, and a task cannot wait for its own end. \
         (asyncio raises \"RuntimeError: Task cannot await on itself\".)"
    );
    assert_eq!(t.render(), "  0 [A] awaits itself\n");
}

/// main starts `saver` (which says "saving", sleeps 1, says "saved"),
/// says "exiting" and returns without awaiting it: the program of the
/// exercise `never_awaited`.
/// `or_stop_it` is what the loop advises after "Await it (or gather it)
/// before main returns.": `""` on genloop, which cannot cancel a task.
pub fn a_task_left_pending_that_nobody_awaited_is_warned_about<L: Loop>(
    main: L::Main<()>,
    or_stop_it: &str,
) {
    L::take_warnings(); // start clean
    let t = Trace::new();
    L::run(&t, main);
    assert_eq!(
        warnings_containing::<L>("had not finished"),
        [format!(
            "task saver had not finished when main returned at time 0, and no task awaited it, \
             so the loop dropped it, and whatever it had left to do never ran. \
             Await it (or gather it) before main returns.{or_stop_it} \
             (asyncio.run cancels it; a loop closed without that logs \
             \"Task was destroyed but it is pending!\".)"
        )]
    );
    // The warning is not part of the trace, which stays what the book shows.
    assert_eq!(t.render(), "  0 [main] exiting\n  0 [saver] saving\n");
}

/// In `finished_or_awaited`, main starts `quick` (which says "done" and
/// is never awaited) and `slow` (which sleeps 2), sleeps 1 and awaits
/// `slow`. In `awaited_by_a_pending_task`, main starts `outer`, which
/// starts `inner` (sleeps 5) and awaits it, and returns at once.
pub fn tasks_awaited_or_finished_are_not_warned_about<L: Loop>(
    finished_or_awaited: L::Main<()>,
    awaited_by_a_pending_task: L::Main<()>,
) {
    L::take_warnings();
    // Finished before main returns, never awaited: fine, as in Python.
    // Awaited: fine.
    L::run(&Trace::new(), finished_or_awaited);
    assert_eq!(
        warnings_containing::<L>("had not finished"),
        Vec::<String>::new()
    );
    // A pending task that only a pending task awaits: the one nobody
    // awaited is named, not the one it waits for.
    L::run(&Trace::new(), awaited_by_a_pending_task);
    let warnings = warnings_containing::<L>("had not finished");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("task outer had not finished"),
        "{warnings:?}"
    );
}

/// Replace the measured milliseconds and seconds by `N`, so the rest of
/// the message can be compared word for word.
pub fn without_numbers_measured(warning: &str) -> (String, u128) {
    let (before, after) = warning
        .split_once(" ms of real time")
        .expect("milliseconds");
    let (head, millis) = before.rsplit_once(' ').expect("a number");
    let millis: u128 = millis.parse().expect("whole milliseconds");
    let (middle, tail) = after.split_once(" took ").expect("seconds");
    let seconds_end = tail.find(" seconds").expect("seconds");
    let masked = format!(
        "{head} N ms of real time{middle} took N{}",
        &tail[seconds_end..]
    );
    (masked, millis)
}

/// `blocks(stall)` makes the program: B sleeps 2, then blocks the loop
/// with `std::thread::sleep(stall)` (the mistake) and says "slept"; main
/// awaits B. `hand_off` is how this loop's warning says to hand the work
/// to a thread.
pub fn a_blocking_call_in_a_task_is_warned_about_with_its_name_and_how_long<L: Loop>(
    hand_off: &str,
    blocks: impl FnOnce(Duration) -> L::Main<()>,
) {
    L::take_warnings();
    let stall = L::SLOW_TURN + Duration::from_millis(50);
    let t = Trace::new();
    L::run(&t, blocks(stall));
    let warnings = warnings_containing::<L>("kept the loop");
    let blamed: Vec<&String> = warnings
        .iter()
        .filter(|w| w.starts_with("task B "))
        .collect();
    assert_eq!(blamed.len(), 1, "{warnings:?}");
    let (masked, millis) = without_numbers_measured(blamed[0]);
    assert_eq!(
        masked,
        format!(
            "task B kept the loop for N ms of real time in one turn, at time 2: \
             no other task could run meanwhile. A blocking call (std::thread::sleep, \
             blocking I/O, a long computation) inside a task does that; await sleep \
             instead, or {hand_off}. (asyncio's debug mode says: \
             Executing <Task name='B'> took N seconds.)"
        )
    );
    assert!(millis >= stall.as_millis(), "{millis} ms");
    assert_eq!(t.render(), "  2 [B] slept\n");
}

/// `blocks(stall)` makes the program: main blocks for `stall`
/// (`std::thread::sleep`, longer than a slow turn) and returns. It runs
/// with no budget, as the benchmarks do, which read no clock per turn.
pub fn a_run_without_a_budget_is_not_watched<L: Loop>(
    blocks: impl FnOnce(Duration) -> L::Main<()>,
) {
    L::take_warnings();
    let stall = L::SLOW_TURN + Duration::from_millis(20);
    L::try_run_with_budget(&Trace::new(), u64::MAX, blocks(stall)).unwrap();
    assert_eq!(
        warnings_containing::<L>("kept the loop"),
        Vec::<String>::new()
    );
}
