"""The same blocking call moved to a thread with `asyncio.to_thread`: the
heartbeat keeps beating while the thread sleeps, and W resumes when the
thread is done. (Rust: `aio::to_thread(5, …)`.)"""
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
    say("offloads 5 ticks")
    await asyncio.to_thread(time.sleep, 5 * TICK)
    say("back")


async def main():
    h = asyncio.create_task(heartbeat(5), name="H")
    w = asyncio.create_task(worker(), name="W")
    await w
    await h


run(main)
