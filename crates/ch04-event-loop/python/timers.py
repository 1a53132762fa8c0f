import asyncio

from _trace import TICK, run, say


# ANCHOR: tasks
async def a():
    say('starts')
    await asyncio.sleep(2 * TICK)
    say('woke')
    await asyncio.sleep(0)
    say('again')


async def b():
    say('starts')
    await asyncio.sleep(1 * TICK)
    say('ends')


async def c():
    say('starts')
    await asyncio.sleep(2 * TICK)
    say('woke')
# ANCHOR_END: tasks


# ANCHOR: main
async def main():
    tasks = [asyncio.create_task(a(), name='A'),
             asyncio.create_task(b(), name='B'),
             asyncio.create_task(c(), name='C')]
    await asyncio.gather(*tasks)


run(main)
# ANCHOR_END: main
