# files.md: the real aiofiles (pip install aiofiles), beside Rust's
# src/demos/aiofiles_read.rs. main writes a file and reads it back with
# aiofiles; another task runs while main waits for the thread. aiofiles'
# threads take real time, which the virtual clock cannot count, so
# nothing here sleeps: every line is at time 0, in an order that does not
# depend on how fast the thread is.
import asyncio
import os
import sys
import tempfile

try:
    import aiofiles
except ImportError:
    print("aiofiles is not installed (pip install aiofiles)", file=sys.stderr)
    sys.exit(77)  # verify: skipped, not failed

from _trace import run, say


async def meanwhile():
    say('runs while main waits for the file')


# ANCHOR: main
async def main():
    other = asyncio.create_task(meanwhile(), name='other')
    async with aiofiles.open(FILE, 'w') as f:  # each call: a thread
        await f.write('first line\nsecond line\n')
    async with aiofiles.open(FILE) as f:
        text = await f.read()
    say(f'read {len(text.splitlines())} lines')
    await other
# ANCHOR_END: main


FILE = os.path.join(tempfile.gettempdir(), f'wb-aiofiles-{os.getpid()}.txt')
try:
    run(main)
finally:
    if os.path.exists(FILE):
        os.remove(FILE)
