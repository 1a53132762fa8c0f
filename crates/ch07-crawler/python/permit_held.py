import asyncio

from _trace import run, say
from _web import fetch, report, store

LIMIT = 2  # requests in flight at most


# ANCHOR: crawl
async def crawl(start):
    seen = {start}
    visited = []
    limit = asyncio.Semaphore(LIMIT)
    async with asyncio.TaskGroup() as group:

        async def visit(url):
            async with limit:
                response = await fetch(url)
            for link in response.links:
                if link not in seen:
                    seen.add(link)
                    group.create_task(visit(link), name=link)
            await store(response)
            visited.append(response)

        group.create_task(visit(start), name=start)
    return visited
# ANCHOR_END: crawl


# ANCHOR: main
async def main():
    pages = await crawl('/')
    say(report(pages))


run(main)
# ANCHOR_END: main
