"""An event: every task waiting for it is woken when it is set, in the
order they began to wait, each one turn later. Waiting for an event
already set does not give way; after `clear`, tasks wait again."""
import asyncio

from _trace import TICK, run, say


async def waiter(event):
    say("waits")
    await event.wait()
    say(f"woken, set: {event.is_set()}")


async def ticker(ticks):
    for i in range(ticks):
        say(f"tick {i}")
        await asyncio.sleep(0)


async def main():
    event = asyncio.Event()
    for name in ["A", "B", "C"]:
        asyncio.create_task(waiter(event), name=name)
    await asyncio.sleep(1 * TICK)
    asyncio.create_task(ticker(3), name="T")
    say("sets it")
    event.set()
    event.set()
    await event.wait()
    say("did not wait")
    await asyncio.sleep(1 * TICK)
    event.clear()
    d = asyncio.create_task(waiter(event), name="D")
    await asyncio.sleep(1 * TICK)
    say(f"sets it again, set: {event.is_set()}")
    event.set()
    await d


run(main)
