import asyncio

from _trace import TICK, run, say


# ANCHOR: program
async def request(limit, ticks):
    say('waits')
    async with limit:
        say('has a permit')
        await asyncio.sleep(ticks * TICK)
        say('done')


async def main():
    limit = asyncio.Semaphore(2)
    tasks = [asyncio.create_task(request(limit, ticks), name=name)
             for name, ticks in [('A', 3), ('B', 1), ('C', 2), ('D', 1)]]
    for task in tasks:
        await task
    say('all done')


run(main)
# ANCHOR_END: program
