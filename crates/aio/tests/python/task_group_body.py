"""A failing child cancels the body of the `async with` too, even while it
awaits: here the body waits for a queue's items to be done, and one
worker fails. One turn later the group cancels the other worker and the
body; once both have ended, the failure is raised. T ticks once a turn."""
import asyncio

from _trace import TICK, run, say


async def ticker(start, ticks):
    await asyncio.sleep(start * TICK)
    for i in range(ticks):
        say(f"tick {i}")
        await asyncio.sleep(0)


async def worker(queue):
    try:
        while True:
            item = await queue.get()
            await asyncio.sleep(1 * TICK)
            if item == 2:
                say(f"fails on {item}")
                raise ValueError(f"item {item}")
            say(f"did {item}")
            queue.task_done()
    except asyncio.CancelledError:
        say("cancelled")
        raise


async def main():
    asyncio.create_task(ticker(2, 6), name="T")
    queue = asyncio.Queue()
    try:
        async with asyncio.TaskGroup() as tg:
            for name in ["W1", "W2"]:
                tg.create_task(worker(queue), name=name)
            for item in range(4):
                queue.put_nowait(item)
            try:
                await queue.join()
            finally:
                say("body cleans up")
        say("not reached")
    except ExceptionGroup as group:
        for error in group.exceptions:
            say(f"failed: {error}")


run(main)
