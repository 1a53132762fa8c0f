"""Who gets an item put while several tasks wait: the one that has waited
longest, one turn later, if the item is still there then. A task that
takes it first (get_nowait) leaves the woken one to wait again, at the
back. A cancelled waiter is passed over; one woken and then cancelled
passes the item on."""
import asyncio

from _trace import run, say


async def getter(queue):
    say("waits")
    try:
        item = await queue.get()
        say(f"got {item}")
    except asyncio.CancelledError:
        say("cancelled")
        raise


async def main():
    queue = asyncio.Queue()
    try:
        queue.get_nowait()
    except asyncio.QueueEmpty:
        say("get_nowait: empty")
    a = asyncio.create_task(getter(queue), name="A")
    b = asyncio.create_task(getter(queue), name="B")
    await asyncio.sleep(1)

    # A is woken, but main takes the item before A runs.
    queue.put_nowait("x")
    say(f"takes {queue.get_nowait()} first")
    await asyncio.sleep(0)
    say("A waits again, behind B")
    queue.put_nowait("y")
    await asyncio.sleep(1)

    # A is cancelled: put passes it over.
    c = asyncio.create_task(getter(queue), name="C")
    await asyncio.sleep(0)
    a.cancel()
    queue.put_nowait("z")
    await asyncio.sleep(1)

    # D is woken for "w", then cancelled: it passes "w" on to E.
    d = asyncio.create_task(getter(queue), name="D")
    e = asyncio.create_task(getter(queue), name="E")
    await asyncio.sleep(0)
    queue.put_nowait("w")
    d.cancel()
    await asyncio.sleep(1)

    small = asyncio.Queue(1)
    small.put_nowait(1)
    try:
        small.put_nowait(2)
    except asyncio.QueueFull:
        say(f"put_nowait: full, size {small.qsize()}")


run(main)
