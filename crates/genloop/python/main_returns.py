import asyncio

from _trace import run, say


async def ticker():
    for i in range(5):
        say(f"tick {i}")
        await asyncio.sleep(0)


async def quick():
    say("done")


async def main():
    a = asyncio.create_task(quick(), name="A")
    asyncio.create_task(ticker(), name="T")
    await a
    say("returns")


run(main)
