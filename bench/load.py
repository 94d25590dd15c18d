"""A closed-loop HTTP load generator (asyncio + aiohttp): N clients each send one request after
another for warm-up + measured seconds; only the requests that end inside the measured window
count, so the start (every client's first, queued request) does not skew the rate."""
from __future__ import annotations

import asyncio
import statistics
import time

import aiohttp


async def _client(session, url: str, stop_at: float, log: list) -> None:
    while time.monotonic() < stop_at:
        start = time.monotonic()
        try:
            async with session.get(url, allow_redirects=False) as response:
                await response.read()
                ok = response.status == 200
        except (TimeoutError, aiohttp.ClientError):
            ok = False
        log.append((start, time.monotonic(), ok))


async def _drive(url: str, cookie: str, clients: int, warmup: float, seconds: float) -> dict:
    log: list = []
    connector = aiohttp.TCPConnector(limit=clients, force_close=False)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout,
                                     headers={"Cookie": cookie},
                                     cookie_jar=aiohttp.DummyCookieJar()) as session:
        begin = time.monotonic()
        window = (begin + warmup, begin + warmup + seconds)
        tasks = [asyncio.create_task(_client(session, url, window[1], log))
                 for _ in range(clients)]
        await asyncio.sleep(warmup + seconds)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    done = [(s, e, ok) for s, e, ok in log if window[0] <= e <= window[1]]
    latencies = sorted((e - s) * 1000 for s, e, ok in done if ok)
    return {"rate": len(latencies) / seconds, "errors": sum(1 for *_, ok in done if not ok),
            "p50": _pct(latencies, 50), "p99": _pct(latencies, 99), "count": len(done)}


def _pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def drive(url: str, cookie: str, clients: int, warmup: float = 3, seconds: float = 10) -> dict:
    """{rate: requests/s answered 200 in the window, p50/p99 ms, errors, count}."""
    return asyncio.run(_drive(url, cookie, clients, warmup, seconds))


def median_of(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)
