import asyncio

from _trace import TICK, run, say


# ANCHOR: main
async def main():
    say("Hello")
    await asyncio.sleep(1 * TICK)
    say("World")


run(main)
# ANCHOR_END: main
