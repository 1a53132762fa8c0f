import asyncio

from _trace import TICK, run, say


# ANCHOR: socket
class Socket:
    @staticmethod
    async def connect():
        say('connected')
        return Socket()

    async def send(self, chunk):
        if not chunk:
            raise ValueError('empty chunk')
        await asyncio.sleep(2 * TICK)
        say(f'sent {chunk}')

    def close(self):
        say('socket closed')
# ANCHOR_END: socket


# ANCHOR: upload
async def upload(chunks):
    socket = await Socket.connect()
    try:
        for chunk in chunks:
            await socket.send(chunk)
        # An asynchronous clean-up, after the body: say goodbye to the server.
        await asyncio.sleep(1 * TICK)
        say('said goodbye')
        return len(chunks)
    finally:
        socket.close()  # Rust: Socket's Drop
# ANCHOR_END: upload


# ANCHOR: main
async def report(upload):
    try:
        chunks = await upload
        say(f'uploaded {chunks} chunk(s)')
    except ValueError as error:
        say(f'failed: {error}')


async def main():
    await report(upload(['a']))
    await report(upload(['']))
    try:
        async with asyncio.timeout(1 * TICK):
            await report(upload(['a']))
    except TimeoutError:
        say('gave up after 1 tick')


run(main)
# ANCHOR_END: main
