import asyncio

from _trace import TICK, run, say


# ANCHOR: say_after
async def say_after(ticks, what):
    await asyncio.sleep(ticks * TICK)
    say(what)
# ANCHOR_END: say_after


# ANCHOR: main
async def main():
    say("calls say_after")
    # No `await`: made, dropped, never run.
    # CPython warns on stderr.
    say_after(1, "hello")
    say("sleeps 2")
    await asyncio.sleep(2 * TICK)
    say("finished")


run(main)
# ANCHOR_END: main
