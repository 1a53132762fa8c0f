import asyncio

from _trace import run, say
from _web import fetch


# ANCHOR: main
async def fetch_ok(url):
    try:
        response = await fetch(url)
    except asyncio.CancelledError:
        say('cancelled')
        raise
    if response.status != 200:
        raise RuntimeError(f'{url} answered {response.status}')
    return response


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            for url in ['/broken', '/missing', '/c/slow']:
                group.create_task(fetch_ok(url), name=url)
    except* RuntimeError as failed:
        for error in failed.exceptions:
            say(f'failed: {error}')
    say('the group is over')


run(main)
# ANCHOR_END: main
