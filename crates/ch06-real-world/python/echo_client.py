import asyncio

from _trace import run, say


# ANCHOR: talk
async def talk(address, lines):
    reader, writer = await asyncio.open_connection(*address)
    answers = []
    for line in lines:
        writer.write(f'{line}\n'.encode())
        await writer.drain()
        answer = await reader.readline()
        answers.append(answer.decode().rstrip('\n'))
    writer.close()
    await writer.wait_closed()
    return answers
# ANCHOR_END: talk


# ANCHOR: server
sent = 0  # lines the server was sent


async def letters(reader, writer):
    """A server that answers each line with its length."""
    global sent
    while line := (await reader.readline()).decode().rstrip('\n'):
        sent += 1
        writer.write(f'{line} has {len(line)} letters\n'.encode())
        await writer.drain()
    writer.close()
    await writer.wait_closed()
# ANCHOR_END: server


# ANCHOR: main
async def main():
    server = await asyncio.start_server(letters, '127.0.0.1', 0)
    address = server.sockets[0].getsockname()
    clients = [
        asyncio.create_task(talk(address, ['yield', 'send']), name='client 1'),
        asyncio.create_task(talk(address, ['await']), name='client 2'),
    ]
    for n, answers in enumerate(await asyncio.gather(*clients), start=1):
        say(f'client {n}: {" | ".join(answers)}')
    server.close()
    await server.wait_closed()
    say(f'the server was sent {sent} lines')


run(main)
# ANCHOR_END: main
