import asyncio

from _trace import run, say
from _web import fetch, report

WORKERS = 3


# ANCHOR: crawl
async def worker(queue, seen, pages):
    while True:
        url = await queue.get()
        response = await fetch(url)
        if response.status != 200:
            queue.task_done()
            continue  # nothing to keep, no links to follow
        for link in response.links:
            if link not in seen:
                seen.add(link)
                queue.put_nowait(link)
        pages.append(response)
        queue.task_done()


async def crawl(start, workers):
    queue = asyncio.Queue()
    seen = {start}
    pages = []
    queue.put_nowait(start)
    tasks = [asyncio.create_task(worker(queue, seen, pages), name=f'w{n}')
             for n in range(1, workers + 1)]
    await queue.join()
    for task in tasks:
        task.cancel()
    return pages
# ANCHOR_END: crawl


# ANCHOR: main
async def main():
    pages = await crawl('/', WORKERS)
    say(report(pages))


run(main)
# ANCHOR_END: main
