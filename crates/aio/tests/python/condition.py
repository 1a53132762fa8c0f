"""A condition: tasks wait, holding its lock, until another task notifies
them. wait gives the lock up while it waits, and takes it again before it
returns, so the tasks notify wakes take it one at a time, once the
notifier has released it. notify(n) wakes the n that have waited longest,
passing over a cancelled one; wait_for checks its predicate first, and
after each wake."""
import asyncio

from _trace import TICK, run, say


async def waiter(cond):
    async with cond:
        say("waits")
        await cond.wait()
        say(f"woken, holds the lock: {cond.locked()}")
        await asyncio.sleep(0)
    say("released")


async def consumer(cond, items):
    async with cond:
        say("waits for an item")
        await cond.wait_for(lambda: items)
        say(f"takes {items.pop(0)}")


async def ticker(ticks):
    for i in range(ticks):
        say(f"tick {i}")
        await asyncio.sleep(0)


async def main():
    cond = asyncio.Condition()
    waiters = [asyncio.create_task(waiter(cond), name=name) for name in "ABCD"]
    await asyncio.sleep(1 * TICK)
    asyncio.create_task(ticker(8), name="T")
    async with cond:
        say("notify(2)")
        cond.notify(2)
        await asyncio.sleep(0)
        say("still holds the lock")
    say("released")
    await asyncio.sleep(1 * TICK)
    # C is cancelled: notify(1) passes it over, and wakes D.
    waiters[2].cancel()
    await asyncio.sleep(0)
    async with cond:
        cond.notify(1)
    await asyncio.sleep(1 * TICK)

    items = []
    for name in ["P", "Q"]:
        asyncio.create_task(consumer(cond, items), name=name)
    await asyncio.sleep(1 * TICK)
    async with cond:
        items.append("first")
        say("notify_all")
        cond.notify_all()
    await asyncio.sleep(1 * TICK)
    async with cond:
        items.append("second")
        say("notify(1)")
        cond.notify(1)
    await asyncio.sleep(1 * TICK)
    async with cond:
        say("notify with nobody waiting")
        cond.notify(1)


run(main)
