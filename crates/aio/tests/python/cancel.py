"""Cancellation: `cancel()` only asks. The task is woken, and on its next
step the CancelledError runs its `finally`. A task cancelled before it
started never runs; cancelling a finished task does nothing."""
import asyncio

from _trace import TICK, run, say


async def worker(ticks):
    say("starts")
    try:
        await asyncio.sleep(ticks * TICK)
        say("wakes")
    finally:
        say("cleans up")


async def ticker(ticks):
    for i in range(ticks):
        say(f"tick {i}")
        await asyncio.sleep(0)


async def main():
    a = asyncio.create_task(worker(5), name="A")
    b = asyncio.create_task(worker(1), name="B")
    n = asyncio.create_task(worker(1), name="N")
    say(f"cancels N: {n.cancel()}")
    await asyncio.sleep(1 * TICK)
    # B's timer fired too: B is ready, behind main.
    asyncio.create_task(ticker(3), name="T")
    say(f"cancels A: {a.cancel()}")
    say(f"cancels B: {b.cancel()}")
    say(f"cancels A again: {a.cancel()}")
    for task in (a, b, n):
        try:
            await task
        except asyncio.CancelledError:
            say(f"{task.get_name()} was cancelled")
    say(f"cancels B again: {b.cancel()}")


run(main)
