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
    accepted = served = 0
    all_accepted, all_served = asyncio.Event(), asyncio.Event()

    async def counting_handle(reader, writer):
        nonlocal accepted, served
        accepted += 1
        if accepted == 4:
            all_accepted.set()
        await handle(reader, writer)
        served += 1
        if served == 4:
            all_served.set()

    server = await asyncio.start_server(counting_handle, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    # Connects first, then sends nothing and keeps its connection open.
    _, quiet = await asyncio.open_connection('127.0.0.1', port)
    clients = [asyncio.create_task(client(port, n), name=f'client {n}') for n in [1, 2, 3]]
    try:
        async with asyncio.timeout(5):
            for task in clients:
                await asyncio.shield(task)
        say('clients 1 to 3 were answered while a quiet client, connected first, said nothing')
    except TimeoutError:
        say('after 5 ticks clients 1 to 3 still wait for answers')
    quiet.close()
    await all_accepted.wait()
    say('the server has accepted 4 clients')
    for n, answers in enumerate(await asyncio.gather(*clients), start=1):
        say(f'client {n}: {" | ".join(answers)}')
    await quiet.wait_closed()
    await all_served.wait()
    server.close()
    await server.wait_closed()


run(main)
# ANCHOR_END: main
