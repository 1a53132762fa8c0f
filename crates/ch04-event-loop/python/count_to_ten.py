import asyncio

from _trace import TICK, run, say


# ANCHOR: count
async def count(to):
    for n in range(1, to + 1):
        say(n)
        await asyncio.sleep(1 * TICK)
    say('done')
# ANCHOR_END: count


# ANCHOR: main
async def main():
    tasks = [asyncio.create_task(count(10), name=name) for name in 'ABC']
    await asyncio.gather(*tasks)
    say('all counted')


run(main)
# ANCHOR_END: main
