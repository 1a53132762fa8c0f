import asyncio

from _trace import TICK, run, say


async def count(to):
    for i in range(1, to + 1):
        say(i)
        await asyncio.sleep(1 * TICK)


async def main():
    counters = [asyncio.create_task(count(3), name=name) for name in "ABC"]
    await asyncio.gather(*counters)
    say("all counted")


run(main)
