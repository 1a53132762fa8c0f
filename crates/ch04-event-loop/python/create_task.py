import asyncio

from _trace import TICK, run, say


# ANCHOR: worker
async def worker(ticks):
    say("starts")
    await asyncio.sleep(ticks * TICK)
    say("ends")
    return ticks
# ANCHOR_END: worker


# ANCHOR: main
async def main():
    a = asyncio.create_task(worker(2), name="A")
    b = asyncio.create_task(worker(1), name="B")
    await a
    await b


run(main)
# ANCHOR_END: main
