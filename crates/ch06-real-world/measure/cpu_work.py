"""`python3 crates/ch06-real-world/measure/cpu_work.py`: the same work,
pure Python that only computes, done 4 times: one after the other; on 4
threads with `asyncio.to_thread`; on a pool of processes with
`loop.run_in_executor`. Then, for comparison, 4 jobs that only wait
(`time.sleep`), on 4 threads. It prints the wall time of each, and how
many CPUs the machine has.

`--quick` makes every job small, so that the whole runs in well under 2
seconds (the workbook's smoke test runs it so).
"""

import argparse
import asyncio
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor

JOBS = 4


# ANCHOR: work
def count_primes(below):
    """How many primes there are below `below`, by trial division: pure
    Python, which holds the GIL from start to end."""
    count = 0
    for n in range(2, below):
        d = 2
        while d * d <= n:
            if n % d == 0:
                break
            d += 1
        else:
            count += 1
    return count
# ANCHOR_END: work


# ANCHOR: ways
def one_after_the_other(below):
    return [count_primes(below) for _ in range(JOBS)]


async def on_threads(below):
    jobs = [asyncio.to_thread(count_primes, below) for _ in range(JOBS)]
    return await asyncio.gather(*jobs)


async def on_processes(below):
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:  # os.cpu_count() processes
        jobs = [loop.run_in_executor(pool, count_primes, below) for _ in range(JOBS)]
        return await asyncio.gather(*jobs)


async def waiting_on_threads(seconds):
    jobs = [asyncio.to_thread(time.sleep, seconds) for _ in range(JOBS)]
    return await asyncio.gather(*jobs)
# ANCHOR_END: ways


def timed(run):
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small jobs, for a smoke test")
    args = parser.parse_args()
    below, nap = (20_000, 0.02) if args.quick else (150_000, 0.3)

    one, primes = timed(lambda: count_primes(below))
    print(
        f"{os.cpu_count()} CPUs (os.cpu_count()), Python {sys.version.split()[0]}; "
        f"one job counts the {primes:,} primes below {below:,} in {one:.2f} s"
    )
    ways = [
        ("one after the other", lambda: one_after_the_other(below)),
        ("4 threads (asyncio.to_thread)", lambda: asyncio.run(on_threads(below))),
        (f"a pool of {os.cpu_count()} processes (run_in_executor)", lambda: asyncio.run(on_processes(below))),
    ]
    alone = None
    for name, run in ways:
        took, results = timed(run)
        assert results == [primes] * JOBS
        alone = alone or took
        print(f"{f'{JOBS} jobs, {name}:':52} {took:5.2f} s ({alone / took:.1f}x as fast)")
    took, _ = timed(lambda: asyncio.run(waiting_on_threads(nap)))
    print(f"{f'{JOBS} waits of {nap} s, 4 threads (asyncio.to_thread):':52} {took:5.2f} s")


if __name__ == "__main__":
    main()
