import asyncio

from _trace import TICK, run, say


# ANCHOR: download
async def download(ticks, fails=False):
    say('starts')
    await asyncio.sleep(ticks * TICK)
    if fails:
        raise ConnectionError('connection lost')
    say('done')
    return ticks * 100


async def report(pages):
    sizes = await asyncio.gather(*pages)
    say(f'sizes: {sizes}')
# ANCHOR_END: download


# ANCHOR: main
async def main():
    pages = [asyncio.create_task(download(ticks, fails), name=name)
             for name, ticks, fails in [('a.html', 3, False),
                                        ('b.html', 1, True),
                                        ('c.html', 2, False)]]
    writer = asyncio.create_task(report(pages), name='report')
    try:
        await writer
    except ConnectionError:
        say('the report failed')
    await asyncio.sleep(3 * TICK)
    say('bye')


run(main)
# ANCHOR_END: main
