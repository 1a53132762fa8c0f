import asyncio

from _trace import run, say
from _world import fetch


# ANCHOR: download_all
async def download_all(urls):
    tasks = [asyncio.create_task(fetch(url), name=url) for url in urls]
    return await asyncio.gather(*tasks)
# ANCHOR_END: download_all


# ANCHOR: main
async def main():
    pages = await download_all(['/1', '/2', '/3', '/4'])
    say(f'{len(pages)} pages: {" ".join(pages)}')


run(main)
# ANCHOR_END: main
