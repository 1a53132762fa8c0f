import asyncio

from _trace import TICK, run, say


# ANCHOR: say_after
async def say_after(ticks, what):
    await asyncio.sleep(ticks * TICK)
    say(what)
# ANCHOR_END: say_after


# ANCHOR: main
async def main():
    a = asyncio.create_task(say_after(2, "hello"), name="A")
    b = asyncio.create_task(say_after(3, "world"), name="B")
    say("started")
    await a
    await b
    say("finished")


run(main)
# ANCHOR_END: main
