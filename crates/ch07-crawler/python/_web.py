# Imported by the chapter's programs; not a program itself. The pretend
# web of the chapter's src/lib.rs, and `fetch`, `report` and `store`.
import asyncio
from dataclasses import dataclass, field

from _trace import TICK, now, say


# ANCHOR: web
@dataclass
class Page:
    latency: int  # ticks from the request to the response
    status: int  # 200, or 500 for a server that fails
    links: list = field(default_factory=list)


WEB = {
    '/': Page(1, 200, ['/a', '/b', '/c']),
    '/a': Page(2, 200, ['/a/1', '/a/2', '/']),
    '/b': Page(3, 200, ['/a', '/c/slow']),
    '/c': Page(1, 200, ['/missing', '/broken']),
    '/a/1': Page(1, 200, ['/a']),
    '/a/2': Page(2, 200, ['/b', '/c/slow']),
    '/c/slow': Page(6, 200, ['/']),
    '/broken': Page(1, 500),
}

NOT_FOUND_LATENCY = 1  # a 404 comes back after one tick
# ANCHOR_END: web


# ANCHOR: fetch
@dataclass
class Response:
    url: str
    status: int
    links: list


async def fetch(url):
    say(f'GET {url}')
    page = WEB.get(url, Page(NOT_FOUND_LATENCY, 404))
    await asyncio.sleep(page.latency * TICK)
    say(f'{page.status} {url}')
    return Response(url, page.status, list(page.links))
# ANCHOR_END: fetch


# ANCHOR: report
def report(pages):
    def count(status):
        return sum(1 for page in pages if page.status == status)
    return (f'{len(pages)} pages in {now()} ticks: {count(200)} ok, '
            f'{count(404)} not found, {count(500)} failed')
# ANCHOR_END: report


# ANCHOR: store
async def store(page):
    await asyncio.sleep(2 * TICK)
    say(f'stored {page.url}')
# ANCHOR_END: store
