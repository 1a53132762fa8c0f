import asyncio

from _trace import TICK, run, say


# ANCHOR: sleeper
async def sleeper(give_way_first):
    if give_way_first:
        await asyncio.sleep(0)
    say("sleeps 1")
    await asyncio.sleep(1 * TICK)
    say("wakes")
# ANCHOR_END: sleeper


# ANCHOR: main
async def main():
    a = asyncio.create_task(sleeper(True), name="A")
    b = asyncio.create_task(sleeper(False), name="B")
    c = asyncio.create_task(sleeper(False), name="C")
    await asyncio.gather(a, b, c)


run(main)
# ANCHOR_END: main
