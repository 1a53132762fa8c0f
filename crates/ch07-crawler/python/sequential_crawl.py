from collections import deque

from _trace import run, say
from _web import fetch, report


# ANCHOR: crawl
async def crawl(start):
    to_visit = deque([start])
    seen = {start}
    visited = []
    while to_visit:
        url = to_visit.popleft()
        response = await fetch(url)
        for link in response.links:
            if link not in seen:
                seen.add(link)
                to_visit.append(link)
        visited.append(response)
    return visited
# ANCHOR_END: crawl


# ANCHOR: main
async def main():
    pages = await crawl('/')
    say(report(pages))


run(main)
# ANCHOR_END: main
