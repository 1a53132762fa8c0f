import asyncio

from _trace import TICK, block, run, say
from _world import resize


# ANCHOR: heartbeat
async def heartbeat(beats):
    for _ in range(beats):
        say('beat')
        await asyncio.sleep(1 * TICK)
# ANCHOR_END: heartbeat


# ANCHOR: main
async def main():
    beating = asyncio.create_task(heartbeat(6), name='heartbeat')
    await asyncio.sleep(2 * TICK)
    say('resizing photo.png')
    block(3)  # slow work, 3 ticks: time.sleep(3)
    thumb = resize('photo.png')
    say(f'made {thumb}')
    await beating


run(main)
# ANCHOR_END: main
