"""The same blocking call moved to a thread with `asyncio.to_thread`: the
heartbeat keeps beating while the thread sleeps, and W resumes when the
thread is done. (Rust: `aio::to_thread(5, …)`.)

Modelled, as in Rust: the work runs on a real thread (asyncio's default
executor, as with `asyncio.to_thread`) and is said to take 5 ticks of
virtual time, `to_thread(5, …)`. W resumes at exactly 5, by its timer; had
the thread not finished by then, the loop would wait for it, for real,
before firing any timer. Here the thread really sleeps 40 ms, while the
loop runs ticks 1 to 4 at once: the trace does not show it."""
import asyncio
import time

from _trace import TICK, run, say, to_thread


async def heartbeat(beats):
    for _ in range(beats):
        say("beat")
        await asyncio.sleep(1 * TICK)


async def worker():
    say("offloads 5 ticks")
    await to_thread(5, time.sleep, 0.04)  # asyncio.to_thread(time.sleep, 5 * TICK)
    say("back")


async def main():
    h = asyncio.create_task(heartbeat(5), name="H")
    w = asyncio.create_task(worker(), name="W")
    await w
    await h


run(main)
