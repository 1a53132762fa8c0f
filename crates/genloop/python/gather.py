import asyncio

from _trace import TICK, run, say


async def worker(ticks):
    say("starts")
    await asyncio.sleep(ticks * TICK)
    say("ends")
    return ticks


async def main():
    a = asyncio.create_task(worker(2), name="A")
    b = asyncio.create_task(worker(1), name="B")
    results = await asyncio.gather(a, b)
    say(f"gathered {results}")


run(main)
