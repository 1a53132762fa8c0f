//! asyncio's scheduling rules, with the exact trace, on either loop. Each
//! function is a test of `tests/rules.rs` in `genloop` and in `aio` (where
//! they are in `mod order`), and its comment says the program it is given.
//! A task named `says_runs` below says "runs" and returns.

use trace::{Stamp, Trace};

use crate::{Loop, lines, trace_of};

/// main spawns A, B and C (each `says_runs`), says "spawned three", gives
/// way once (`yield_now`) and says "back".
pub fn new_tasks_run_when_the_current_one_gives_way_in_creation_order<L: Loop>(main: L::Main<()>) {
    assert_eq!(
        trace_of::<L>(main),
        lines(&[
            "  0 [main] spawned three",
            "  0 [A] runs",
            "  0 [B] runs",
            "  0 [C] runs",
            "  0 [main] back",
        ])
    );
}

/// main spawns A, which spawns C (`says_runs`), says "spawned C, gives
/// way", sleeps 0 and says "back"; then main spawns B (`says_runs`) and
/// sleeps 1.
pub fn sleep_0_goes_to_the_back_of_the_queue<L: Loop>(main: L::Main<()>) {
    assert_eq!(
        trace_of::<L>(main),
        lines(&[
            "  0 [A] spawned C, gives way",
            "  0 [B] runs",
            "  0 [C] runs",
            "  0 [A] back",
        ])
    );
}

/// main spawns A (says "runs", returns 1), says "I am {its own name}",
/// sleeps 1 (A finishes meanwhile), spawns B (`says_runs`), awaits A and
/// says "A gave {1}, before B runs", then awaits B. Asking for its name
/// gives A no turn, and awaiting A once it has finished gives B none.
pub fn awaiting_a_finished_task_does_not_give_way<L: Loop>(main: L::Main<()>) {
    assert_eq!(
        trace_of::<L>(main),
        lines(&[
            "  0 [main] I am main",
            "  0 [A] runs",
            "  1 [main] A gave 1, before B runs",
            "  1 [B] runs",
        ])
    );
}

/// A says "sleeps 50" and sleeps 50; B sleeps 30, says "sleeps 20 more"
/// and sleeps 20; C sleeps 0, says "sleeps 50" and sleeps 50; each then
/// says "wakes at {now}". main gathers them.
pub fn the_clock_jumps_to_the_next_timer_and_equal_deadlines_fire_in_setting_order<L: Loop>(
    main: L::Main<()>,
) {
    // All three wake at 50. A set its timer first (at 0), C next (at 0, a
    // turn later), B last (at 30): that is their order, whatever the order
    // they were spawned in.
    assert_eq!(
        trace_of::<L>(main),
        lines(&[
            "  0 [A] sleeps 50",
            "  0 [C] sleeps 50",
            " 30 [B] sleeps 20 more",
            " 50 [A] wakes at 50",
            " 50 [C] wakes at 50",
            " 50 [B] wakes at 50",
        ])
    );
}

/// C sleeps 1 and says "ends"; A sleeps 0 (so B starts waiting first),
/// then awaits C; B awaits C; each then says "saw C end". main awaits A
/// and B.
pub fn a_task_that_finishes_wakes_its_waiters_in_the_order_they_started_waiting<L: Loop>(
    main: L::Main<()>,
) {
    assert_eq!(
        trace_of::<L>(main),
        lines(&["  1 [C] ends", "  1 [B] saw C end", "  1 [A] saw C end"])
    );
}

/// main spawns A (`says_runs`), sleeps 0, spawns T (says "tick {i}" and
/// sleeps 0, four times), gathers A and says "gathered A", then says
/// "gathered nothing: {:?}" of a gather of no task.
pub fn gather_of_finished_tasks_still_gives_way_twice<L: Loop>(main: L::Main<()>) {
    // CPython schedules gather's callback for a finished task at once; the
    // callback then schedules the gatherer. Two turns for T.
    assert_eq!(
        trace_of::<L>(main),
        lines(&[
            "  0 [A] runs",
            "  0 [T] tick 0",
            "  0 [T] tick 1",
            "  0 [main] gathered A",
            "  0 [main] gathered nothing: []",
            "  0 [T] tick 2",
        ])
    );
}

/// main spawns A, B and C, which sleep 3, 1 and 2, say "done" and return
/// "{name} slept {ticks}"; main returns what gathering them gives.
pub fn gather_returns_results_in_the_order_given<L: Loop>(main: L::Main<Vec<String>>) {
    let t = Trace::new();
    let results = L::run(&t, main);
    assert_eq!(results, ["A slept 3", "B slept 1", "C slept 2"]);
    assert_eq!(t.render(), "  1 [B] done\n  2 [C] done\n  3 [A] done\n");
}

/// A sleeps 1 and returns "forty-two"; B awaits A and says "got {it}";
/// main awaits A and says "got {it}", awaits B, then says "and again
/// {what awaiting A once more gives}".
pub fn every_awaiter_gets_the_result<L: Loop>(main: L::Main<()>) {
    assert_eq!(
        trace_of::<L>(main),
        lines(&[
            "  1 [main] got forty-two",
            "  1 [B] got forty-two",
            "  1 [main] and again forty-two",
        ])
    );
}

/// `stamps(trace)` makes the program: B sleeps 2 and returns
/// `trace.stamp()`; main returns what awaiting B gives.
pub fn the_trace_knows_the_time_and_the_task_that_runs<L: Loop>(
    stamps: impl FnOnce(Trace) -> L::Main<Option<Stamp>>,
) {
    let t = Trace::new();
    let stamp = L::run(&t, stamps(t.clone()));
    let expected = Stamp {
        time: 2,
        task: "B".into(),
    };
    assert_eq!(stamp, Some(expected));
}
