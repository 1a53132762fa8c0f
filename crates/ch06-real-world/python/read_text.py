import asyncio
import os
import tempfile
from pathlib import Path

from _trace import TICK, run, say, to_thread


# ANCHOR: read_text
async def read_text(path):
    """The aiofiles idea: the blocking read runs on a thread (2 ticks)."""
    return await to_thread(2, Path(path).read_text)  # asyncio.to_thread(…)
# ANCHOR_END: read_text


async def heartbeat(beats):
    for _ in range(beats):
        say('beat')
        await asyncio.sleep(1 * TICK)


# ANCHOR: main
async def main():
    beating = asyncio.create_task(heartbeat(3), name='heartbeat')
    text = await read_text(FILE)
    say(f'read {len(text.splitlines())} lines')
    await beating
# ANCHOR_END: main


FILE = os.path.join(tempfile.gettempdir(), f'wb-read-text-{os.getpid()}.py.txt')
Path(FILE).write_text('first line\nsecond line\n')
try:
    run(main)
finally:
    os.remove(FILE)
