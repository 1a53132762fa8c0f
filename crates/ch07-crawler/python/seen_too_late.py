import asyncio

from _trace import run, say
from _web import fetch, report


# ANCHOR: crawl
async def crawl(start):
    seen = set()
    visited = []
    async with asyncio.TaskGroup() as group:

        async def visit(url):
            if url in seen:
                return  # another task has this page
            seen.add(url)
            response = await fetch(url)
            for link in response.links:
                group.create_task(visit(link), name=link)
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
