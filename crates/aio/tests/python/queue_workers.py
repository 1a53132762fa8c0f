"""A bounded queue between a producer and two consumers: `put` waits while
the queue is full, a waiting `get` is woken by the next `put`, and `join`
returns once every item has had its `task_done`."""
import asyncio

from _trace import TICK, run, say


async def producer(queue, count):
    for item in range(count):
        say(f"puts {item}")
        await queue.put(item)
    say(f"done putting, {queue.qsize()} in the queue")


async def consumer(queue, ticks):
    while True:
        item = await queue.get()
        say(f"got {item}")
        await asyncio.sleep(ticks * TICK)
        say(f"done with {item}")
        queue.task_done()


async def main():
    queue = asyncio.Queue(2)
    c1 = asyncio.create_task(consumer(queue, 2), name="C1")
    c2 = asyncio.create_task(consumer(queue, 3), name="C2")
    p = asyncio.create_task(producer(queue, 6), name="P")
    await p
    say(f"joins, full: {queue.full()}")
    await queue.join()
    say("every item is done")
    c1.cancel()
    c2.cancel()


run(main)
