"""A task group whose children all succeed: the `async with` ends two turns
after the last child, once the group's done-callback has run. A child may
add children to the group while it waits. T ticks once a turn."""
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


async def spawner(tg):
    await asyncio.sleep(1 * TICK)
    say("adds B2")
    tg.create_task(works(2), name="B2")
    return "spawned"


async def main():
    asyncio.create_task(ticker(3, 4), name="T")
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(works(1), name="A")
        b = tg.create_task(spawner(tg), name="B")
        say("waits")
    say(f"all done: {a.result()}, {b.result()}")


run(main)
