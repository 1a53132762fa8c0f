import asyncio

from _trace import run, say


# ANCHOR: countdown
async def countdown(start):
    for n in range(start, 0, -1):
        say(f'countdown: {n}')
        await asyncio.sleep(0)
    say('countdown: liftoff')
    return 'liftoff'
# ANCHOR_END: countdown


async def ticker():
    for tick in range(1, 4):
        say(f'tick {tick}')
        await asyncio.sleep(0)


async def main():
    ticks = asyncio.create_task(ticker(), name='ticker')
    result = await countdown(3)
    say(f'got {result}')
    await ticks


run(main)
