import asyncio

from _trace import run, say


# ANCHOR: tasks
async def ticker(ticks):
    for i in range(ticks):
        say(f"tick {i}")
        await asyncio.sleep(0)


async def quick():
    say("done")
# ANCHOR_END: tasks


# ANCHOR: main
async def main():
    a = asyncio.create_task(quick(), name="A")
    asyncio.create_task(ticker(5), name="T")
    await a
    say("returns")


run(main)
# ANCHOR_END: main
