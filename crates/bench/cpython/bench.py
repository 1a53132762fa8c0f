"""The CPython side of crates/bench: each workload on asyncio (or, for
`send`, on a plain generator), timed from inside as the Rust side times
it. The bench runs this file with `python3 -c` and reads what it prints:
one `key value` pair a line.

    python3 bench.py ping TASKS YIELDS [--memory]
    python3 bench.py sleepers TASKS SLEEPS MAX_TICKS TICK_SECONDS
    python3 bench.py send RESUMES
    python3 bench.py echo CLIENTS MESSAGES
    python3 bench.py sleep_ticks TASK SLEEP MAX_TICKS

With `--memory`, ping runs under tracemalloc and says the most bytes
Python's allocator had out at once (`peak_bytes`): slower, so the bench
does it in a run of its own that is not timed.
"""

import asyncio
import platform
import sys
import time
import tracemalloc


def ping(tasks, yields, memory=False):
    async def worker():
        for _ in range(yields):
            await asyncio.sleep(0)

    async def main():
        if memory:
            tracemalloc.start()
        start = time.perf_counter()
        handles = [asyncio.create_task(worker()) for _ in range(tasks)]
        for handle in handles:
            await handle
        seconds = time.perf_counter() - start
        peak = None
        if memory:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        return seconds, peak

    seconds, peak = asyncio.run(main())
    return {"seconds": seconds, "ops": tasks * yields, "peak_bytes": peak}


_MASK = (1 << 64) - 1


def sleep_ticks(task, sleep, max_ticks):
    """The Rust side's `sleep_ticks`: splitmix64 of `task << 20 | sleep`."""
    z = ((task << 20 | sleep) + 0x9E3779B97F4A7C15) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    z ^= z >> 31
    return 1 + z % max_ticks


def sleepers(tasks, sleeps, max_ticks, tick):
    # Worked out before the clock starts, so the loop is what is timed.
    durations = [
        [sleep_ticks(n, i, max_ticks) * tick for i in range(sleeps)]
        for n in range(tasks)
    ]

    async def sleeper(mine):
        for seconds in mine:
            await asyncio.sleep(seconds)

    async def main():
        start = time.perf_counter()
        cpu = time.process_time()
        handles = [asyncio.create_task(sleeper(mine)) for mine in durations]
        for handle in handles:
            await handle
        return time.perf_counter() - start, time.process_time() - cpu

    seconds, cpu = asyncio.run(main())
    # cpu_seconds close to seconds: the loop was busy all along, not
    # waiting for its timers.
    return {"seconds": seconds, "ops": tasks * sleeps, "cpu_seconds": cpu}


def send(resumes):
    def running_total():
        total = 0
        while True:
            value = yield total
            total += value

    gen = running_total()
    next(gen)  # priming
    resume = gen.send
    start = time.perf_counter()
    for i in range(resumes):
        resume(i)
    return {"seconds": time.perf_counter() - start, "ops": resumes}


def echo(clients, messages):
    async def handle(reader, writer):
        # Chapter 6's echo server: each line back, in capitals.
        while True:
            line = await reader.readline()
            if not line:
                break
            writer.write(line.upper())
            await writer.drain()
        writer.close()

    async def client(port, n):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        sent = f"hello from client {n}\n".encode()
        expected = sent.upper()
        for _ in range(messages):
            writer.write(sent)
            await writer.drain()
            answer = await reader.readline()
            if answer != expected:
                raise RuntimeError(f"client {n} sent {sent!r} and got {answer!r}")
        writer.write_eof()
        await reader.read()  # until the server closes its side
        writer.close()

    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        start = time.perf_counter()
        tasks = [asyncio.create_task(client(port, n)) for n in range(1, clients + 1)]
        for task in tasks:
            await task
        seconds = time.perf_counter() - start
        server.close()
        await server.wait_closed()
        return seconds

    seconds = asyncio.run(main())
    return {"seconds": seconds, "ops": clients * messages}


def main(argv):
    what, args = argv[0], argv[1:]
    memory = "--memory" in args
    numbers = [float(a) if "." in a else int(a) for a in args if a != "--memory"]
    if what == "ping":
        result = ping(*numbers, memory=memory)
    elif what == "sleepers":
        result = sleepers(*numbers)
    elif what == "send":
        result = send(*numbers)
    elif what == "echo":
        result = echo(*numbers)
    elif what == "sleep_ticks":
        result = {"ticks": sleep_ticks(*numbers)}
    else:
        raise SystemExit(f"unknown workload {what!r}")
    result["python"] = f"{platform.python_implementation()} {platform.python_version()}"
    for key, value in result.items():
        print(key, "none" if value is None else value)


if __name__ == "__main__":
    main(sys.argv[1:])
