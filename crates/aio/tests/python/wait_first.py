"""`asyncio.wait`: FIRST_COMPLETED returns every task done by the time the
waiting task runs again, two turns after the first finished (a done
callback, then the wakeup); even for tasks done already."""
import asyncio

from _trace import TICK, run, say


async def job(ticks):
    await asyncio.sleep(ticks * TICK)
    say("done")
    return ticks


async def ticker(start, ticks):
    await asyncio.sleep(start * TICK)
    for i in range(ticks):
        say(f"tick {i}")
        await asyncio.sleep(0)


def names(tasks):
    return "[" + ", ".join(sorted(task.get_name() for task in tasks)) + "]"


async def main():
    asyncio.create_task(ticker(1, 4), name="T")
    a = asyncio.create_task(job(3), name="A")
    b = asyncio.create_task(job(1), name="B")
    c = asyncio.create_task(job(1), name="C")
    done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_COMPLETED)
    say(f"done {names(done)}, pending {names(pending)}")
    asyncio.create_task(ticker(2, 4), name="U")
    done, pending = await asyncio.wait(pending, return_when=asyncio.ALL_COMPLETED)
    say(f"done {names(done)}, pending {names(pending)}")
    asyncio.create_task(ticker(0, 4), name="V")
    done, pending = await asyncio.wait([b], return_when=asyncio.FIRST_COMPLETED)
    say(f"done {names(done)} at once? no: V ticked first")


run(main)
