import asyncio

from _trace import run, say
from _web import fetch, report

WORKERS = 3


# ANCHOR: crawl
async def worker(queue, seen, visited):
    while True:
        url = await queue.get()
        response = await fetch(url)
        for link in response.links:
            if link not in seen:
                seen.add(link)
                queue.put_nowait(link)
        visited.append(response)
        queue.task_done()


async def crawl(start, workers):
    queue = asyncio.Queue()
    seen = {start}
    visited = []
    queue.put_nowait(start)
    tasks = [asyncio.create_task(worker(queue, seen, visited), name=f'w{n}')
             for n in range(1, workers + 1)]
    await queue.join()  # every URL put has had its task_done
    for task in tasks:
        task.cancel()  # they wait for a URL that will never come
    return visited
# ANCHOR_END: crawl


# ANCHOR: main
async def main():
    pages = await crawl('/', WORKERS)
    say(report(pages))


run(main)
# ANCHOR_END: main
