"""What the Rust `trace` crate does, for asyncio programs: each line said
is printed with the virtual time, the task's name and the text.

These are real asyncio programs that really sleep. A tick lasts TICK
seconds, short so they finish fast; the time shown is the number of ticks
since main started.
"""

import asyncio

TICK = 0.02  # seconds

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
    """`asyncio.run(main())`, with the main task named "main"; then print
    the trace as `Trace::render` does."""

    async def main_task():
        global _start
        _lines.clear()
        _start = asyncio.get_running_loop().time()
        asyncio.current_task().set_name("main")
        await main()

    asyncio.run(main_task())
    width = max([3] + [len(str(time)) for time, _, _ in _lines])
    for time, task, text in _lines:
        print(f"{time:>{width}} [{task}] {text}")
