"""gather when something fails. The first failure ends the gather: the
task that awaits it fails at once (two turns after the failure, as every
gather wakes its task), and the other tasks keep running. With
return_exceptions=True the gather waits for all of them and gives every
outcome, failures and cancellations included, in the order given."""
import asyncio

from _trace import TICK, run, say


async def job(ticks, fails=None):
    await asyncio.sleep(ticks * TICK)
    if fails:
        raise RuntimeError(fails)
    say("done")
    return ticks


async def ticker(start, ticks):
    await asyncio.sleep(start * TICK)
    for i in range(ticks):
        say(f"tick {i}")
        await asyncio.sleep(0)


def outcome(task, result):
    name = task.get_name()
    if isinstance(result, asyncio.CancelledError):
        return f"{name} was cancelled"
    if isinstance(result, Exception):
        return f"{name} failed: {result}"
    return f"{name}: {result}"


async def main():
    asyncio.create_task(ticker(1, 4), name="T")
    a = asyncio.create_task(job(3), name="A")
    b = asyncio.create_task(job(1, "boom"), name="B")
    c = asyncio.create_task(job(2, "bang"), name="C")

    async def gathers():
        say("gathers A, B and C")
        await asyncio.gather(a, b, c)
        say("all done")

    g = asyncio.create_task(gathers(), name="G")
    try:
        await g
    except RuntimeError as error:
        say(f"G failed: {error}")
    say(f"A done: {a.done()}, C done: {c.done()}")
    d = asyncio.create_task(job(5), name="D")
    await asyncio.sleep(0)
    d.cancel()
    results = await asyncio.gather(a, b, c, d, return_exceptions=True)
    for task, result in zip([a, b, c, d], results):
        say(outcome(task, result))
    say(f"nothing: {await asyncio.gather(return_exceptions=True)}")


run(main)
