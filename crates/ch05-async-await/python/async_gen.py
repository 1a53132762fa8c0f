import asyncio

from _trace import TICK, run, say


# ANCHOR: ticker
async def ticker(delay, to):
    """PEP 525's example: yield 0, 1, … to-1, sleeping `delay` after each."""
    for i in range(to):
        say(f'ticker: yields {i}')
        yield i
        await asyncio.sleep(delay * TICK)
    say('ticker: done')
# ANCHOR_END: ticker


# ANCHOR: main
async def main():
    async for i in ticker(2, 3):
        say(f'got {i}')
    say('the loop is over')


run(main)
# ANCHOR_END: main
