"""`asyncio.wait_for` with a coroutine (Python 3.12's, which runs it in the
waiting task, as `async with asyncio.timeout()` does in 3.11): on time, its
result; too late, it is cancelled where it waits, its `finally` runs, and
TimeoutError is raised. At a tie the timeout wins: its timer was set
first."""
import asyncio
import sys

from _trace import TICK, run, say

if sys.version_info >= (3, 12):
    wait_for = asyncio.wait_for
else:
    async def wait_for(aw, timeout):
        async with asyncio.timeout(timeout):
            return await aw


async def slow(ticks):
    say("starts")
    try:
        await asyncio.sleep(ticks * TICK)
        say("finishes")
        return ticks
    finally:
        say("cleans up")


async def ticker(start, ticks):
    await asyncio.sleep(start * TICK)
    for i in range(ticks):
        say(f"tick {i}")
        await asyncio.sleep(0)


async def attempt(ticks, limit):
    try:
        result = await wait_for(slow(ticks), limit * TICK)
        say(f"got {result}")
    except TimeoutError:
        say(f"timed out after {limit}")


async def main():
    await attempt(1, 3)
    asyncio.create_task(ticker(2, 3), name="T")
    await attempt(5, 2)
    await attempt(2, 2)


run(main)
