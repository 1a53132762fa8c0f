import asyncio

from _trace import run, say
from _web import fetch, report

DEADLINE = 6  # ticks


# ANCHOR: crawl
async def crawl(start, deadline):
    seen = {start}
    visited = []
    in_flight = []
    try:
        async with asyncio.timeout(deadline):
            async with asyncio.TaskGroup() as group:

                async def visit(url):
                    in_flight.append(url)
                    response = await fetch(url)
                    in_flight.remove(url)
                    for link in response.links:
                        if link not in seen:
                            seen.add(link)
                            group.create_task(visit(link), name=link)
                    visited.append(response)

                group.create_task(visit(start), name=start)
    except TimeoutError:
        # The group has cancelled the tasks still running.
        say(f'deadline: gave up on {" ".join(in_flight)}')
    return visited
# ANCHOR_END: crawl


# ANCHOR: main
async def main():
    pages = await crawl('/', DEADLINE)
    say(report(pages))


run(main)
# ANCHOR_END: main
