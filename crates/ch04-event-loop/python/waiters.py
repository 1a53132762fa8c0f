import asyncio

from _trace import TICK, run, say


# ANCHOR: tasks
async def worker():
    say("works")
    await asyncio.sleep(2 * TICK)
    say("done")
    return 42


async def waiter(a, ticks):
    await asyncio.sleep(ticks * TICK)
    say("waits for A")
    result = await a
    say(f"A gave {result}")
# ANCHOR_END: tasks


# ANCHOR: main
async def main():
    a = asyncio.create_task(worker(), name="A")
    b = asyncio.create_task(waiter(a, 1), name="B")
    c = asyncio.create_task(waiter(a, 0), name="C")
    await b
    await c


run(main)
# ANCHOR_END: main
