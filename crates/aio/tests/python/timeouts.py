"""Giving up waiting: a timeout around `get` or `acquire` takes the task
out of the line, and the next one is served. T ticks once a turn."""
import asyncio

from _trace import TICK, run, say


async def ticker(start, ticks):
    await asyncio.sleep(start * TICK)
    for i in range(ticks):
        say(f"tick {i}")
        await asyncio.sleep(0)


async def impatient_get(queue, ticks):
    try:
        async with asyncio.timeout(ticks * TICK):
            say(f"got {await queue.get()}")
    except TimeoutError:
        say("gave up")


async def impatient_acquire(sem, ticks):
    try:
        async with asyncio.timeout(ticks * TICK):
            async with sem:
                say("in")
                await asyncio.sleep(2 * TICK)
            say("out")
    except TimeoutError:
        say("gave up")


async def main():
    asyncio.create_task(ticker(2, 3), name="T")
    queue = asyncio.Queue()
    asyncio.create_task(impatient_get(queue, 2), name="G1")
    asyncio.create_task(impatient_get(queue, 5), name="G2")
    sem = asyncio.Semaphore(1)
    for name, ticks in [("S1", 9), ("S2", 1), ("S3", 9)]:
        asyncio.create_task(impatient_acquire(sem, ticks), name=name)
    await asyncio.sleep(3 * TICK)
    queue.put_nowait("x")
    await asyncio.sleep(3 * TICK)
    say(f"free: {not sem.locked()}")


run(main)
