import asyncio

from _trace import TICK, run, say


# ANCHOR: stream
class AsyncDataStream:
    def __init__(self, items):
        self.items = list(items)

    def __aiter__(self):
        return self

    async def __anext__(self):
        if not self.items:
            raise StopAsyncIteration
        item = self.items.pop(0)
        await asyncio.sleep(1 * TICK)
        say(f'stream: sending {item}')
        return item
# ANCHOR_END: stream


# ANCHOR: main
async def main():
    async for item in AsyncDataStream([10, 20, 30]):
        say(f'got {item}')
    say('the stream is done')


run(main)
# ANCHOR_END: main
