# Imported by loopback_crawl.py; not a program itself. The pretend web
# over real sockets, as in the chapter's src/http.rs: a small HTTP/1.1
# server on 127.0.0.1, and a client. Neither says anything.
import asyncio

from _web import WEB, Response


# ANCHOR: serve
async def answer(reader, writer, requests):
    request_line = await reader.readline()
    while (await reader.readline()).strip():  # the headers, up to a blank line
        pass
    path = request_line.decode().split()[1]
    requests.append(path)
    page = WEB.get(path)
    if page is None:
        status, reason, body = 404, 'Not Found', ''
    elif page.status == 200:
        status, reason, body = 200, 'OK', '\n'.join(page.links)
    else:
        status, reason, body = page.status, 'Internal Server Error', ''
    writer.write(f'HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain\r\n'
                 f'Content-Length: {len(body)}\r\nConnection: close\r\n\r\n'
                 f'{body}'.encode())
    await writer.drain()
    writer.close()


async def serve(requests):
    """A server on 127.0.0.1 that answers every connection in a task of its
    own; each request's path goes to `requests`."""
    return await asyncio.start_server(
        lambda reader, writer: answer(reader, writer, requests), '127.0.0.1', 0)
# ANCHOR_END: serve


# ANCHOR: client
async def get(host, port, path):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f'GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n'
                 f'Connection: close\r\n\r\n'.encode())
    await writer.drain()
    status = int((await reader.readline()).decode().split()[1])
    while (await reader.readline()).strip():
        pass
    body = (await reader.read()).decode()  # `Connection: close`: up to the end
    writer.close()
    links = body.splitlines() if status == 200 else []
    return Response(path, status, links)


class Client:
    """The HTTP client as a crawler's fetcher."""

    def __init__(self, host, port):
        self.host, self.port = host, port

    async def get(self, url):
        return await get(self.host, self.port, url)
# ANCHOR_END: client
