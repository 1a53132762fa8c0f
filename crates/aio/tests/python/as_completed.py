"""`asyncio.as_completed`: results in the order the tasks finish. A result
waiting in its queue is taken without giving way."""
import asyncio

from _trace import TICK, run, say


async def job(name, ticks):
    await asyncio.sleep(ticks * TICK)
    say("done")
    return name


async def ticker(start, ticks):
    await asyncio.sleep(start * TICK)
    for i in range(ticks):
        say(f"tick {i}")
        await asyncio.sleep(0)


async def main():
    asyncio.create_task(ticker(1, 4), name="T")
    tasks = [
        asyncio.create_task(job(name, ticks), name=name)
        for name, ticks in [("A", 3), ("B", 1), ("C", 2), ("D", 1)]
    ]
    for next_done in asyncio.as_completed(tasks):
        result = await next_done
        say(f"got {result}")


run(main)
