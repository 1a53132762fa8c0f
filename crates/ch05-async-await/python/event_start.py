import asyncio

from _trace import TICK, run, say


# ANCHOR: runner
async def runner(start):
    say('on the line')
    await start.wait()
    say('runs')
# ANCHOR_END: runner


# ANCHOR: main
async def main():
    start = asyncio.Event()
    for name in ['A', 'B', 'C']:
        asyncio.create_task(runner(start), name=name)
    await asyncio.sleep(2 * TICK)
    say('go!')
    start.set()
    late = asyncio.create_task(runner(start), name='late')
    await late
    say(f'still set: {start.is_set()}')


run(main)
# ANCHOR_END: main
