# sockets.md: Python's twin of src/demos/socket_round.rs. A task that
# says a line each round, beside a task that waits for a line from a real
# socket: the socket's data wakes its task a round after the loop saw it.
import asyncio
import select

from _trace import run, say


def until_readable(sock):
    """Wait, for real, until `sock` has data to read: so the trace does
    not depend on how fast the system delivers it."""
    select.select([sock], [], [])


# ANCHOR: main
async def main():
    # A connection with both ends in main: `near` writes, `far` reads.
    accepted = asyncio.get_running_loop().create_future()
    server = await asyncio.start_server(
        lambda reader, writer: accepted.set_result((reader, writer)),
        '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    _, near = await asyncio.open_connection('127.0.0.1', port)
    far, far_writer = await accepted

    async def ticker():
        for i in range(4):
            say(f'round {i + 1}')
            await asyncio.sleep(0)

    async def reader():
        say('waits for a line')
        line = await far.readline()
        say(f'got {line.decode().rstrip()!r}')

    async def writer():
        near.write(b'hello\n')
        await near.drain()
        until_readable(far_writer.get_extra_info('socket'))
        say('sent a line')

    tasks = [asyncio.create_task(ticker(), name='ticker'),
             asyncio.create_task(reader(), name='reader'),
             asyncio.create_task(writer(), name='writer')]
    for task in tasks:
        await task
    near.close()
    far_writer.close()
    server.close()
# ANCHOR_END: main


run(main)
