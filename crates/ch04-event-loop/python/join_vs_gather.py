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
    asyncio.create_task(ticker(6), name="T")
    a = asyncio.create_task(quick(), name="A")
    await a
    say("awaited A")
    b = asyncio.create_task(quick(), name="B")
    await asyncio.gather(b)
    say("gathered B")


run(main)
# ANCHOR_END: main
