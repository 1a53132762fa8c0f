import asyncio

from _trace import TICK, run, say


async def say_after(ticks, what):
    await asyncio.sleep(ticks * TICK)
    say(what)


async def main():
    say("started")
    await say_after(2, "hello")
    await say_after(3, "world")
    say("finished")


run(main)
