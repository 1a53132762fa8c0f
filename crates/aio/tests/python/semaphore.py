"""A semaphore of 2: at most two tasks inside at once, the others waiting
in line. A permit given back goes to the task that has waited longest:
it is woken, and goes in one turn later; a task that comes in meanwhile
waits at the back of the line."""
import asyncio

from _trace import TICK, run, say


async def request(sem, ticks):
    say(f"asks, locked: {sem.locked()}")
    async with sem:
        say("in")
        await asyncio.sleep(ticks * TICK)
        say("out")


async def late(sem):
    await asyncio.sleep(1 * TICK)
    say(f"comes in, locked: {sem.locked()}")
    async with sem:
        say("in")
    say("out")


async def main():
    sem = asyncio.Semaphore(2)
    for name, ticks in [("A", 1), ("B", 2), ("C", 1), ("D", 1), ("E", 3)]:
        asyncio.create_task(request(sem, ticks), name=name)
    asyncio.create_task(late(sem), name="L")
    await asyncio.sleep(6 * TICK)
    say(f"locked: {sem.locked()}")


run(main)
