import asyncio

from _trace import TICK, now, run, say
from _world import LATENCY


# ANCHOR: download
async def download(url):
    await asyncio.sleep(LATENCY * TICK)
    return f'<html>{url}</html>'
# ANCHOR_END: download


# ANCHOR: one_after_the_other
async def one_after_the_other(urls):
    return [await download(url) for url in urls]
# ANCHOR_END: one_after_the_other


# ANCHOR: main
async def main():
    urls = [f'/{n}' for n in range(1, 1001)]

    say(f'{len(urls)} pages, one after the other')
    start = now()
    pages = await one_after_the_other(urls)
    say(f'got {len(pages)} pages in {now() - start} ticks')


run(main)
# ANCHOR_END: main
