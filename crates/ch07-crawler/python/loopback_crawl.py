import asyncio

from _http import Client, serve
from _trace import run, say
from _web import report


# ANCHOR: crawl
async def crawl(fetcher, start, workers):
    queue = asyncio.Queue()
    seen = {start}
    visited = []
    queue.put_nowait(start)

    async def worker():
        while True:
            url = await queue.get()
            response = await fetcher.get(url)
            for link in response.links:
                if link not in seen:
                    seen.add(link)
                    queue.put_nowait(link)
            visited.append(response)
            queue.task_done()

    tasks = [asyncio.create_task(worker(), name=f'w{n}')
             for n in range(1, workers + 1)]
    await queue.join()
    for task in tasks:
        task.cancel()
    return visited
# ANCHOR_END: crawl


# ANCHOR: main
async def main():
    requests = []
    server = await serve(requests)
    host, port = server.sockets[0].getsockname()

    pages = await crawl(Client(host, port), '/', 3)
    pages.sort(key=lambda page: page.url)
    for page in pages:
        say(f'{page.status} {page.url}')
    say(report(pages))
    say(f'the server answered {len(requests)} requests')
    server.close()


run(main)
# ANCHOR_END: main
