import asyncio

from _trace import run, say


async def ticker():
    for i in range(6):
        say(f"tick {i}")
        await asyncio.sleep(0)


async def quick():
    say("done")


async def main():
    asyncio.create_task(ticker(), name="T")
    a = asyncio.create_task(quick(), name="A")
    await a
    say("awaited A")
    b = asyncio.create_task(quick(), name="B")
    await asyncio.gather(b)
    say("gathered B")


run(main)
