# Imported by the chapter's programs; not a program itself. The pretend
# world of the chapter's src/lib.rs: a network, and a chat.
import asyncio

from _trace import TICK, now, say


# ANCHOR: network
LATENCY = 3  # ticks: one round trip


async def fetch(url):
    say(f'GET {url}')
    await asyncio.sleep(LATENCY * TICK)
    say(f'got {url}')
    return f'<html>{url}</html>'
# ANCHOR_END: network


# ANCHOR: inbox
class Inbox:
    """Messages arriving in a chat, each (the tick it arrives, its text):
    `async for message in inbox` waits for each in turn."""

    def __init__(self, messages):
        self.messages = list(messages)

    def __aiter__(self):
        return self

    async def __anext__(self):
        if not self.messages:
            raise StopAsyncIteration
        at, text = self.messages.pop(0)
        await asyncio.sleep(max(0, at - now()) * TICK)
        return text
# ANCHOR_END: inbox


# ANCHOR: resize
def resize(image):
    """Slow work: make a thumbnail of `image`. A plain function, not async,
    so it cannot give way while it works; how long it takes is said by
    whoever runs it (`block(ticks)` or `await to_thread(ticks, …)`)."""
    return f'{image}.thumb'
# ANCHOR_END: resize
