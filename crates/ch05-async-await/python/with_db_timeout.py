import asyncio

from _database import AsyncDatabase
from _trace import TICK, run, say


# ANCHOR: main
async def slow():
    async with AsyncDatabase() as db:
        await db.query('SELECT everything')
        return await db.query('SELECT everything else')


async def main():
    try:
        async with asyncio.timeout(4 * TICK):
            rows = await slow()
        say(f'{rows} rows')
    except TimeoutError:
        say('gave up after 4 ticks')


run(main)
# ANCHOR_END: main
