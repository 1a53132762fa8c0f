"""Cancelling a task that awaits a gather cancels the gather's tasks still
running; the task itself ends once the gather is over (the first task to
end cancelled ends it), not on its next turn. If every task has finished
but the gather's callbacks have not run yet, there is nothing left to
cancel: the task ends cancelled when they have. shield keeps the task it
awaits running when its awaiter is cancelled, and takes one turn more than
awaiting the task."""
import asyncio

from _trace import TICK, run, say


async def worker(ticks):
    try:
        await asyncio.sleep(ticks * TICK)
        say("done")
        return ticks
    finally:
        say("cleans up")


async def ticker(ticks):
    for i in range(ticks):
        say(f"tick {i}")
        await asyncio.sleep(0)


async def outcome(task):
    try:
        return f"{task.get_name()}: {await task}"
    except asyncio.CancelledError:
        return f"{task.get_name()} was cancelled"


async def gathers(tasks):
    try:
        await asyncio.gather(*tasks)
        say("gathered")
    finally:
        say("cleans up")


async def shields(task):
    try:
        say(f"shielded: {await asyncio.shield(task)}")
    finally:
        say("cleans up")


async def main():
    a = asyncio.create_task(worker(5), name="A")
    b = asyncio.create_task(worker(1), name="B")
    c = asyncio.create_task(worker(5), name="C")
    g = asyncio.create_task(gathers([a, b, c]), name="G")
    await asyncio.sleep(2 * TICK)
    asyncio.create_task(ticker(6), name="T")
    say(f"cancels G: {g.cancel()}")
    for task in [g, a, b, c]:
        say(await outcome(task))

    # Every task done, the gather's callback not run yet.
    x = asyncio.create_task(worker(1), name="X")
    h = asyncio.create_task(gathers([x]), name="H")
    await asyncio.sleep(0)
    await asyncio.sleep(1 * TICK)
    say(f"X done: {x.done()}; cancels H: {h.cancel()}")
    asyncio.create_task(ticker(4), name="U")
    say(await outcome(h))

    # shield: S runs on when its awaiter is cancelled.
    s = asyncio.create_task(worker(2), name="S")
    k = asyncio.create_task(shields(s), name="K")
    w = asyncio.create_task(shields(s), name="W")
    await asyncio.sleep(1 * TICK)
    say(f"cancels K: {k.cancel()}")
    say(await outcome(k))
    asyncio.create_task(ticker(4), name="V")
    say(await outcome(s))
    await w
    say(f"at once: {await asyncio.shield(s)}")


run(main)
