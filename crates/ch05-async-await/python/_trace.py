"""What the Rust `trace` crate does, for asyncio programs: each line said
is printed with the virtual time, the task's name and the text.

`run(main)` is `asyncio.run(main())` on a virtual clock. CPython's own
asyncio scheduler (its event loop, tasks, timers, cancellation, `wait`,
`timeout`…) decides who runs when; only the clock is not the real one, and
nothing sleeps. When no callback is ready and the loop would wait for its
next timer, the clock jumps to that timer at once, as in Rust. A tick is
one virtual second (TICK = 1); the time shown is the number of ticks since
main started.

A blocking call and a thread take virtual time too, so their duration is
said in ticks, as in Rust's `aio`: `block(ticks)` is a blocking call made
in a task (`time.sleep`), and `await to_thread(ticks, func, *args)` is
`await asyncio.to_thread(func, *args)` for work that takes `ticks`.

Needs Python 3.11 or later (`asyncio.Runner`).
"""

import asyncio
import json
import os
import selectors
import threading

TICK = 1  # one virtual second

# Ties. Rust's loops fire the timers due at the same tick in the order
# they were set. Real asyncio gets that order because real time passes
# between two `call_later`s: the later one is due a little later. (Its
# timers compare by due time only, in a heap, which does not keep the
# order of equal ones.) This clock does the same: each reading moves it on
# by _EPSILON, which is why `now()` rounds. And the loop fires every timer
# due within _RESOLUTION (its `_clock_resolution`) in the same round, so
# all the timers of one tick fire together, first set first.
_EPSILON = 1e-9  # ticks
_RESOLUTION = 1e-3  # ticks

_lines = []
_start = 0.0


# ANCHOR: say
def now():
    """The time in ticks since main started: Rust's `cx.now()`."""
    return round((asyncio.get_running_loop().time() - _start) / TICK)


def say(text):
    """Rust's `cx.say(text)`: note the time, the task and the text."""
    _lines.append((now(), asyncio.current_task().get_name(), text))
# ANCHOR_END: say


def run(main):
    """`asyncio.run(main())`, on the virtual clock, with the main task
    named "main"; then print the trace as `Trace::render` does."""

    async def main_task():
        global _start
        _lines.clear()
        _start = asyncio.get_running_loop().time()
        asyncio.current_task().set_name("main")
        await main()

    # What asyncio.run does, with our loop.
    steps_file = os.environ.get("TRACE_STEPS")
    with asyncio.Runner(loop_factory=_loop_factory()) as runner:
        steps = _Steps(runner.get_loop()) if steps_file else None
        runner.run(main_task())
        if steps:
            steps.write(steps_file)
    print_trace()


def _loop_factory():
    """The virtual loop; or, with TRACE_LOOP=uvloop in the environment,
    uvloop's loop (pip install uvloop), which replaces asyncio's with one
    written over libuv. It runs on the real clock: only a program whose
    lines are all at time 0 prints a trace to compare."""
    if os.environ.get("TRACE_LOOP") == "uvloop":
        import uvloop

        return uvloop.new_event_loop
    return _VirtualLoop


def print_trace():
    """Print the lines said so far, as `Trace::render` does. `run` does it
    at its end; a program that makes its loop itself, in the old style
    (`asyncio.new_event_loop()`, `run_until_complete`), calls it last."""
    width = max([3] + [len(str(time)) for time, _, _ in _lines])
    for time, task, text in _lines:
        print(f"{time:>{width}} [{task}] {text}")


class _Steps:
    """With TRACE_STEPS=file in the environment, `run` writes to `file` one
    JSON line per callback CPython's loop ran while `main` did (not the
    clean-up after it): the time, what ran, and what was in the loop's
    ready queue (`_ready`, front first) and among its timers
    (`_scheduled`, earliest first) when the loop took it, and how many
    lines had been said. What the stepper of a run shows for CPython, and
    what the tests compare with Rust's loops."""

    def __init__(self, loop):
        self._loop = loop
        self._records = []
        self._original = asyncio.events.Handle._run
        steps = self

        def run_and_record(handle):
            ready = [_handle_name(h) for h in loop._ready]
            timers = sorted(
                (_ticks(t.when()), _handle_name(t))
                for t in loop._scheduled
                if not t.cancelled()
            )
            lines, time = len(_lines), _ticks(loop._now)
            result = steps._original(handle)
            steps._records.append({
                "round": getattr(loop, "_round", None),
                "time": time,
                "ran": _handle_name(handle),  # named after it ran: main names itself
                "ready": ready,
                "timers": timers,
                "lines_before": lines,
            })
            return result

        asyncio.events.Handle._run = run_and_record

    def write(self, path):
        asyncio.events.Handle._run = self._original
        with open(path, "w", encoding="utf-8") as out:
            for record in self._records:
                out.write(json.dumps(record) + "\n")


def _ticks(when):
    return round((when - _start) / TICK)


def _handle_name(handle):
    """`Task.__step(B)`, `Task.__wakeup(A)`, or the callback's name, with
    the task it wakes when its argument is a future a task waits on (a
    sleep's timer: `_set_result_unless_cancelled(A)`)."""
    callback = handle._callback
    task = getattr(callback, "__self__", None)
    if isinstance(task, asyncio.Task):
        kind = "__step" if type(callback).__name__ == "TaskStepMethWrapper" else "__wakeup"
        return f"Task.{kind}({task.get_name()})"
    name = getattr(callback, "__qualname__", type(callback).__name__)
    future = handle._args[0] if handle._args else None
    if isinstance(future, asyncio.Future):
        loop = future.get_loop()
        for waiting in asyncio.all_tasks(loop):
            if getattr(waiting, "_fut_waiter", None) is future:
                return f"{name}({waiting.get_name()})"
    return name


class VirtualLoopPolicy(asyncio.DefaultEventLoopPolicy):
    """With `asyncio.set_event_loop_policy(VirtualLoopPolicy())`, the loops
    that `asyncio.new_event_loop()` and `asyncio.get_event_loop()` make run
    on the virtual clock, for programs in the old style."""

    def new_event_loop(self):
        return _VirtualLoop()


def block(ticks):
    """A blocking call in a task, such as `time.sleep(ticks * TICK)`, as the
    loop sees it (Rust's `aio::block(ticks)`): the clock moves on `ticks`
    at once, and nothing else runs meanwhile, since the task does not give
    way. Timers that fell due meanwhile fire late, after it gives way:
    earliest first, as asyncio fires the timers it finds overdue."""
    asyncio.get_running_loop()._now += ticks * TICK


async def to_thread(ticks, func, /, *args, **kwargs):
    """`await asyncio.to_thread(func, *args, **kwargs)`, for work that
    takes `ticks` of virtual time (Rust's `aio::to_thread(ticks, work)`).

    `func` runs on a thread of asyncio's default executor, as with
    `asyncio.to_thread`; other tasks run meanwhile. The awaiting task
    resumes at exactly now + `ticks` (later only if a blocking call held up
    the loop), woken by its timer in that timer's place among the timers
    due then: as if the thread took exactly `ticks`. It never resumes
    before the thread has really finished: if the thread still runs when
    that timer falls due, the loop waits for it, for real, before it fires
    any timer; the clock stays put meanwhile. So the trace does not depend
    on how fast the thread is. If `func` raises, so does the await.
    Cancelled, the task stops waiting; the thread runs on to its end, and
    asyncio.run waits for it at its end."""
    loop = asyncio.get_running_loop()
    outcome = []
    finished = threading.Event()

    def work():
        try:
            outcome.append((True, func(*args, **kwargs)))
        except BaseException as error:
            outcome.append((False, error))
        finally:
            finished.set()

    woken = loop.create_future()  # the future and timer of asyncio.sleep
    timer = loop.call_later(ticks * TICK, _wake, woken)
    loop._thread_timers[timer] = finished
    loop.run_in_executor(None, work)  # what asyncio.to_thread calls
    try:
        await woken
    finally:
        timer.cancel()
        del loop._thread_timers[timer]
    ok, value = outcome[0]
    if ok:
        return value
    raise value


def _wake(future):
    if not future.done():  # not if its task was cancelled meanwhile
        future.set_result(None)


class _VirtualLoop(asyncio.SelectorEventLoop):
    """asyncio's own event loop, all of its scheduling untouched, on a
    virtual clock: `time()` reads `_now`, and where the loop would wait for
    its next timer, its selector moves `_now` to it instead of sleeping."""

    def __init__(self):
        self._now = 0.0
        # The timers of to_thread, each with the thread's "finished" flag.
        self._thread_timers = {}
        super().__init__(_VirtualSelector(self))
        self._clock_resolution = _RESOLUTION

    def time(self):
        self._now += _EPSILON
        return self._now

    def _run_once(self):
        # Counted for TRACE_STEPS: a round is one `_run_once`, which runs
        # the callbacks that were ready when it began.
        self._round = getattr(self, "_round", 0) + 1
        super()._run_once()

    def _wait_for_threads(self):
        """A to_thread timer that falls due in this round fires only once
        its thread has finished: wait for the thread, for real."""
        due = self._now + 2 * self._clock_resolution
        for timer, finished in list(self._thread_timers.items()):
            if timer.when() < due:
                finished.wait()

    async def shutdown_default_executor(self, timeout=None):
        # asyncio.run waits at its end for the threads still running. From
        # Python 3.13 on, 300 s at most, timed on the loop's clock, which
        # would jump there at once: wait as long as they take.
        await super().shutdown_default_executor()


class _VirtualSelector(selectors.DefaultSelector):
    """Asked to wait for `timeout` seconds with nothing ready, it moves the
    loop's clock on by `timeout` and returns at once."""

    def __init__(self, loop):
        super().__init__()
        self._loop = loop

    def select(self, timeout=None):
        # Sockets ready now, and wakes from other threads (through the
        # loop's self-pipe): these come first, without moving the clock.
        events = super().select(0)
        if not events and timeout is None:
            # No timer: only a socket or another thread can wake the loop
            # (asyncio.run waits so for its executor's threads, at its end).
            events = super().select(None)
        elif not events and timeout > 0:
            self._loop._now += timeout  # the next timer is due: jump to it
        self._loop._wait_for_threads()
        return events
