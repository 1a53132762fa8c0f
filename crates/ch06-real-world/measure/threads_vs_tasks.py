"""`python3 crates/ch06-real-world/measure/threads_vs_tasks.py`: 10,000
waits at once, done with CPython threads and with asyncio tasks, as
`examples/threads_vs_tasks.rs` does in Rust. For each it says how long it
took to have all of them waiting, how long until all were done, and how
much memory they held while they waited.

Each way runs in a process of its own (the script runs itself again with
`--only threads` or `--only tasks`), so that the peak memory of one does
not hide the other's. The memory figures come from `/proc/self/status`,
so they are Linux's; elsewhere they say "n/a". `--count N` makes N
waiters instead of 10,000.

The wait itself takes no real time in either: the threads wait at a
barrier that opens as soon as all of them are there; the tasks wait for
an event that is set as soon as all of them wait for it. What is measured
is the cost of having 10,000 waiting things, and of starting and ending
them.
"""

import argparse
import asyncio
import platform
import resource
import subprocess
import sys
import threading
import time

WAITERS = 10_000


class Memory:
    """A few lines of `/proc/self/status`, in KiB (None where there is none).

    rss: VmRSS, the memory the process really uses now; peak_rss: VmHWM,
    the most it has used; size: VmSize, its address space, reserved or not
    (a thread's whole stack counts here, only the pages it touched count
    in rss).
    """

    def __init__(self):
        try:
            with open("/proc/self/status") as status:
                lines = status.read().splitlines()
        except OSError:
            lines = []

        def field(name):
            for line in lines:
                if line.startswith(name):
                    return int(line[len(name):].strip().removesuffix("kB"))
            return None

        self.rss = field("VmRSS:")
        self.peak_rss = field("VmHWM:")
        self.size = field("VmSize:")


# ANCHOR: threads
def threads(count):
    """`count` threads, each waiting at a barrier until all are there."""
    before = Memory()
    start = time.perf_counter()
    barrier = threading.Barrier(count + 1)
    workers = [threading.Thread(target=barrier.wait) for _ in range(count)]
    for worker in workers:
        worker.start()
    while barrier.n_waiting < count:
        time.sleep(0)  # let the others run
    all_waiting = time.perf_counter() - start
    waiting = Memory()
    barrier.wait()  # the last one: everybody goes on
    for worker in workers:
        worker.join()
    return all_waiting, time.perf_counter() - start, before, waiting
# ANCHOR_END: threads


# ANCHOR: tasks
def tasks(count):
    """`count` asyncio tasks, each waiting for an event that is set once
    all of them wait."""
    before = Memory()
    start = time.perf_counter()

    async def main():
        go = asyncio.Event()
        arrived = 0

        async def waiter():
            nonlocal arrived
            arrived += 1
            await go.wait()

        waiters = [asyncio.create_task(waiter()) for _ in range(count)]
        await asyncio.sleep(0)  # every task runs once, to its wait
        assert arrived == count
        measured = (time.perf_counter() - start, Memory())
        go.set()
        await asyncio.gather(*waiters)
        return measured

    all_waiting, waiting = asyncio.run(main())
    return all_waiting, time.perf_counter() - start, before, waiting
# ANCHOR_END: tasks


def report(way, count, measured):
    all_waiting, all_done, before, waiting = measured
    print(
        f"{count} {way}: all waiting after {all_waiting * 1000:.1f} ms, "
        f"all done after {all_done * 1000:.1f} ms"
    )

    def grew(before, after):
        if before is None or after is None:
            return "n/a"
        kib = max(after - before, 0)
        return f"+{kib / 1024:.1f} MiB ({kib / count:.1f} KiB each)"

    print(
        f"  while they wait: resident memory {grew(before.rss, waiting.rss)}, "
        f"address space {grew(before.size, waiting.size)}"
    )
    peak = Memory().peak_rss
    print(
        "  peak resident memory of the process: "
        + ("n/a" if peak is None else f"{peak / 1024:.1f} MiB")
    )


def stack_note():
    """What stack a thread gets: threading.stack_size() is 0 unless it was
    set, which means the system's default; glibc takes that from the
    soft limit on the main thread's stack (`ulimit -s`)."""
    soft, _ = resource.getrlimit(resource.RLIMIT_STACK)
    limit = "unlimited" if soft == resource.RLIM_INFINITY else f"{soft / 2**20:.1f} MiB"
    return (
        f"{platform.python_implementation()} {platform.python_version()}: "
        f"threading.stack_size() = {threading.stack_size()} (the system's default), "
        f"ulimit -s = {limit}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=WAITERS, help="how many waiters (10,000)")
    parser.add_argument("--only", choices=["threads", "tasks"], help="one way, in this process")
    args = parser.parse_args()
    if args.only == "threads":
        report("threads", args.count, threads(args.count))
    elif args.only == "tasks":
        report("tasks", args.count, tasks(args.count))
    else:
        print(stack_note(), flush=True)
        for way in ["threads", "tasks"]:
            again = [sys.executable, __file__, "--count", str(args.count), "--only", way]
            if subprocess.run(again).returncode != 0:
                sys.exit(f"the {way} run failed")


if __name__ == "__main__":
    main()
