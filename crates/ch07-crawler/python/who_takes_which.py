import asyncio

from _trace import TICK, run, say

TICKS = {'/a': 2, '/d': 3}  # the others: 1


# ANCHOR: program
async def worker(queue):
    while True:
        url = await queue.get()
        say(f'takes {url}')
        await asyncio.sleep(TICKS.get(url, 1) * TICK)
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    workers = [asyncio.create_task(worker(queue), name=name)
               for name in ['w1', 'w2']]
    for url in ['/a', '/b', '/c']:
        queue.put_nowait(url)
    await asyncio.sleep(1 * TICK)
    for url in ['/d', '/e']:
        queue.put_nowait(url)
    say('put /d and /e')
    await queue.join()
    say('all taken')
    for task in workers:
        task.cancel()


run(main)
# ANCHOR_END: program
