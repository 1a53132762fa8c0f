"""A lock: one task at a time, the others waiting in line. Released, it
goes to the task that has waited longest, one turn later; meanwhile it is
not locked, but a task that comes then waits at the back. A waiter
cancelled is passed over: it passes the lock on as it leaves."""
import asyncio

from _trace import TICK, run, say


async def worker(lock, ticks):
    say("waits")
    try:
        async with lock:
            say("holds the lock")
            await asyncio.sleep(ticks * TICK)
    except asyncio.CancelledError:
        say("cancelled")
        raise
    say("released it")


async def late(lock):
    await asyncio.sleep(2 * TICK)
    say(f"comes, locked: {lock.locked()}")
    async with lock:
        say("holds the lock")
    say("released it")


async def main():
    lock = asyncio.Lock()
    asyncio.create_task(worker(lock, 2), name="A")
    asyncio.create_task(worker(lock, 1), name="B")
    c = asyncio.create_task(worker(lock, 1), name="C")
    asyncio.create_task(late(lock), name="L")
    await asyncio.sleep(3 * TICK)
    say("cancels C")
    c.cancel()
    await asyncio.sleep(1 * TICK)
    say(f"locked: {lock.locked()}")


run(main)
