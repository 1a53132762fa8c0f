import asyncio

from _trace import run, say


# ANCHOR: handle
async def handle(reader, writer):
    """Called by the server, in a task of its own, for each connection."""
    while line := await reader.readline():  # b'' once the client has closed its side
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()
# ANCHOR_END: handle


# ANCHOR: client
async def client(port, n):
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    answers = []
    for line in ['hello', 'how are you', 'bye']:
        writer.write(f'{line} from {n}\n'.encode())
        await writer.drain()
        answers.append((await reader.readline()).decode().rstrip('\n'))
    writer.close()  # the server reads b'' then
    await writer.wait_closed()
    return answers
# ANCHOR_END: client


# ANCHOR: main
async def main():
    accepted = 0
    all_accepted = asyncio.Event()

    async def counting_handle(reader, writer):
        nonlocal accepted
        accepted += 1
        if accepted == 3:
            all_accepted.set()
        await handle(reader, writer)

    server = await asyncio.start_server(counting_handle, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    clients = [asyncio.create_task(client(port, n), name=f'client {n}') for n in [1, 2, 3]]
    await all_accepted.wait()
    say('the server has accepted 3 clients')
    for n, answers in enumerate(await asyncio.gather(*clients), start=1):
        say(f'client {n}: {" | ".join(answers)}')
    server.close()
    await server.wait_closed()


run(main)
# ANCHOR_END: main
