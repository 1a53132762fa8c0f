import asyncio

from _trace import TICK, run, say


# ANCHOR: tasks
async def a():
    say('runs')
    await asyncio.sleep(1 * TICK)
    say('ends')


async def c():
    say('runs')


async def b():
    say('runs')
    c_task = asyncio.create_task(c(), name='C')  # keep a reference: asyncio holds only a weak one
    say('spawned C')
    await asyncio.sleep(0)
    say('again')


async def main():
    say('start')
    a_task = asyncio.create_task(a(), name='A')
    b_task = asyncio.create_task(b(), name='B')
    say('spawned A and B')
    await asyncio.sleep(2 * TICK)
    say('done')
# ANCHOR_END: tasks


run(main)
