"""A blocking call in a task: `time.sleep` holds up the whole loop. While
W sleeps, nobody else runs: the heartbeat falls silent, and its beat due
at 1 comes late, after W gives way. (Rust: `aio::block(5)`.)"""
import asyncio
import time

import _trace
from _trace import TICK, run, say


async def next_tick():
    """`asyncio.sleep(TICK)`, counted from the tick this task is at, so
    that lateness does not add up over the beats. (Rust's virtual clock is
    never late.)"""
    elapsed = asyncio.get_running_loop().time() - _trace._start
    await asyncio.sleep((_trace.now() + 1) * TICK - elapsed)


async def heartbeat(beats):
    for _ in range(beats):
        say("beat")
        await next_tick()


async def worker():
    say("blocks for 5 ticks")
    time.sleep(5 * TICK)
    say("unblocked")


async def main():
    h = asyncio.create_task(heartbeat(4), name="H")
    w = asyncio.create_task(worker(), name="W")
    await w
    await h


run(main)
