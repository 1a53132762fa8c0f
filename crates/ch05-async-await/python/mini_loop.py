import asyncio

from _trace import TICK, run, say


# ANCHOR: program
async def say_after(ticks, what):
    await asyncio.sleep(ticks * TICK)
    say(what)


async def main():
    a = asyncio.create_task(say_after(2, "hello"), name="A")
    b = asyncio.create_task(say_after(1, "world"), name="B")
    c = asyncio.create_task(say_after(2, "again"), name="C")
    say("started")
    await asyncio.sleep(3 * TICK)
    say("finished")


run(main)
# ANCHOR_END: program
