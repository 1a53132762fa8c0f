# asyncio-order.md: main_returns.py written as older code does it, making
# and closing the loop itself instead of calling asyncio.run. The same
# trace: run_until_complete stops the loop as asyncio.run does. What it
# does not do is cancel T, which is still pending when the loop closes.
import asyncio

import _trace
from _trace import say

# The loops asyncio.new_event_loop() makes, on the virtual clock.
asyncio.set_event_loop_policy(_trace.VirtualLoopPolicy())


async def ticker(ticks):
    for i in range(ticks):
        say(f"tick {i}")
        await asyncio.sleep(0)


async def quick():
    say("done")


# ANCHOR: main
async def main():
    asyncio.current_task().set_name("main")  # for the trace
    a = asyncio.create_task(quick(), name="A")
    asyncio.create_task(ticker(5), name="T")
    await a
    say("returns")


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
try:
    loop.run_until_complete(main())
finally:
    loop.close()
# ANCHOR_END: main
_trace.print_trace()
