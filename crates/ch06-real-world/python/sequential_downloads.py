from _trace import run, say
from _world import fetch


# ANCHOR: download_all
async def download_all(urls):
    pages = []
    for url in urls:
        pages.append(await fetch(url))
    return pages
# ANCHOR_END: download_all


# ANCHOR: main
async def main():
    pages = await download_all(['/1', '/2', '/3', '/4'])
    say(f'{len(pages)} pages: {" ".join(pages)}')


run(main)
# ANCHOR_END: main
