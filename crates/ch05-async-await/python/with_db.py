from _database import AsyncDatabase
from _trace import run, say


# ANCHOR: main
async def main():
    async with AsyncDatabase() as db:
        rows = await db.query('SELECT users')
    say(f'{rows} rows')


run(main)
# ANCHOR_END: main
