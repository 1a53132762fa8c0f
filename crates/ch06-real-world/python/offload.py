import asyncio

from _trace import TICK, run, say, to_thread
from _world import resize


async def heartbeat(beats):
    for _ in range(beats):
        say('beat')
        await asyncio.sleep(1 * TICK)


# ANCHOR: main
async def main():
    beating = asyncio.create_task(heartbeat(6), name='heartbeat')
    await asyncio.sleep(2 * TICK)
    say('resizing photo.png')
    thumb = await to_thread(3, resize, 'photo.png')  # asyncio.to_thread(resize, …)
    say(f'made {thumb}')
    await beating


run(main)
# ANCHOR_END: main
