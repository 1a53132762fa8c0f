# Imported by the `async with` programs; not a program itself.
import asyncio

from _trace import TICK, say


# ANCHOR: database
class AsyncDatabase:
    async def __aenter__(self):
        await asyncio.sleep(1 * TICK)
        say('db: connected')
        return self

    async def __aexit__(self, *error):
        say('db: disconnected')

    async def query(self, sql):
        say(f'db: querying {sql}')
        await asyncio.sleep(2 * TICK)
        return len(sql)
# ANCHOR_END: database
