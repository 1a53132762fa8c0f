"""A task group whose children fail: one turn after a child fails, the
group cancels the children still running; once all have ended, the
`async with` raises every failure together. T, outside the group, ticks
once a turn to show the turns."""
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


async def fails(ticks, message):
    await asyncio.sleep(ticks * TICK)
    say(f"fails: {message}")
    raise ValueError(message)


async def main():
    asyncio.create_task(ticker(2, 6), name="T")
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(works(1), name="A")
            tg.create_task(fails(2, "boom"), name="B")
            tg.create_task(cleans_up(5), name="C")
            tg.create_task(fails(2, "bang"), name="D")
            tg.create_task(asyncio.sleep(9 * TICK), name="E")
        say("not reached")
    except ExceptionGroup as group:
        for error in group.exceptions:
            say(f"failed: {error}")


run(main)
