# sockets.md: Python's twin of src/demos/greetings.rs. A tiny server and
# three clients over real TCP, on one thread; `main` says what each client
# got, at the end and in client order.
import asyncio

from _trace import run, say


# ANCHOR: server
async def greet(reader, writer):
    """Called by the server, in a task of its own, for each connection:
    read a name and answer `hello, NAME`."""
    name = (await reader.readline()).decode().rstrip('\n')
    writer.write(f'hello, {name}\n'.encode())
    await writer.drain()
    writer.close()
    await writer.wait_closed()
# ANCHOR_END: server


# ANCHOR: client
async def visit(port, name):
    """Connect, say who we are, and read the answer: everything the
    server sends until it closes the connection."""
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    writer.write(f'{name}\n'.encode())
    await writer.drain()
    answer = (await reader.read()).decode().rstrip('\n')
    writer.close()
    await writer.wait_closed()
    return answer
# ANCHOR_END: client


# ANCHOR: main
async def main():
    served = 0
    all_served = asyncio.Event()

    async def counting_greet(reader, writer):
        nonlocal served
        await greet(reader, writer)
        served += 1
        if served == 3:
            all_served.set()

    server = await asyncio.start_server(counting_greet, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    names = ['Ann', 'Bob', 'Cy']
    clients = [asyncio.create_task(visit(port, name), name=name) for name in names]
    for name, answer in zip(names, await asyncio.gather(*clients)):
        say(f'{name} got "{answer}"')
    await all_served.wait()
    server.close()
    await server.wait_closed()
    say('the server has served 3 clients')


run(main)
# ANCHOR_END: main
