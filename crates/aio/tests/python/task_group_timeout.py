"""A task group left by a timeout: the deadline cancels the task that runs
the `async with`; the group then cancels its children and waits for them
to end before the TimeoutError goes on. T ticks once a turn."""
import asyncio

from _trace import TICK, run, say


async def ticker(start, ticks):
    await asyncio.sleep(start * TICK)
    for i in range(ticks):
        say(f"tick {i}")
        await asyncio.sleep(0)


async def works(ticks):
    await asyncio.sleep(ticks * TICK)
    say("done")
    return ticks


async def cleans_up(ticks):
    try:
        await asyncio.sleep(ticks * TICK)
    finally:
        say("cleans up")


async def main():
    asyncio.create_task(ticker(3, 6), name="T")
    try:
        async with asyncio.timeout(3 * TICK):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(works(1), name="A")
                tg.create_task(cleans_up(5), name="B")
                tg.create_task(asyncio.sleep(9 * TICK), name="C")
        say("not reached")
    except TimeoutError:
        say("timed out")


run(main)
