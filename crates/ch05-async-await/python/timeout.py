import asyncio

from _trace import TICK, run, say


# ANCHOR: job
async def job():
    try:
        say('job: starts')
        await asyncio.sleep(3 * TICK)
        say('job: finished')
        return 'the result'
    finally:
        say('job: cleaned up')
# ANCHOR_END: job


# ANCHOR: main
async def main():
    for ticks in [4, 3, 2]:
        try:
            async with asyncio.timeout(ticks * TICK):
                result = await job()
            say(f'got {result}')
        except TimeoutError:
            say(f'gave up after {ticks} ticks')


run(main)
# ANCHOR_END: main
