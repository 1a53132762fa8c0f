import asyncio

from _trace import TICK, run, say


async def download(ticks, server_down):
    say('downloading')
    await asyncio.sleep(ticks * TICK)
    if server_down:
        raise ConnectionError('server down')
    return ticks * 1000


# ANCHOR: report
async def report(pages):
    tasks = [asyncio.create_task(download(ticks, down), name=name)
             for name, ticks, down in pages]
    outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    arrived = 0
    for task, outcome in zip(tasks, outcomes):
        if isinstance(outcome, Exception):
            say(f'{task.get_name()}: failed ({outcome})')
        else:
            arrived += 1
            say(f'{task.get_name()}: {outcome} bytes')
    return arrived
# ANCHOR_END: report


async def main():
    pages = [('index.html', 2, False),
             ('news.html', 1, True),
             ('about.html', 3, False)]
    arrived = await report(pages)
    say(f'{arrived} of {len(pages)} pages arrived')


run(main)
