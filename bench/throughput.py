"""Throughput benchmark (issue 17 item 2): requests per second and latency of the list, record
and dashboard pages at 1 and 50 concurrent clients (closed loop, bench/load.py: only requests
ending after a warm-up count, so the queue every client's first request joins does not skew the
rate), on

- `make run` as it serves now (gunicorn, one gevent process, SQLite, no Redis),
- the Werkzeug development server `make run` used before (threads, SQLite), for comparison,
- `make serve` with 1 and with 2 processes behind HAProxy (PostgreSQL, Redis),

then the 2-process set-up again with 200 chat sockets held open (bench/socket_holder.py).

Fair by construction: the same database and pages for both process counts, both behind the same
balancer, the set-ups measured in turns (round-robin over set-ups inside each round, so a load
change hits all alike), each run after a warm-up, as the same logged-in centre manager. Prints
the median and range over the rounds, the ratios, and the load average.

    PYTHONPATH=. .venv/bin/python -m bench.throughput [--rounds 3] [--seconds 8]
        [--warmup 5] [--clients 50] [--sockets 200] [--no-werkzeug]
"""
from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import requests

from bench.common import database, load_average, spread
from bench.load import drive
from tests.integration.messaging.chat_processes import PYTHON, ROOT, Redis
from tests.integration.serving.production import Production

PASSWORD = "Demo-Passw0rd!"
USER = "paris.manager"


class Werkzeug(Production):
    """The development server `make run` used before this change (threading, Werkzeug)."""

    def start(self, prepare: bool = False) -> None:
        script = ("from run import create_app; from app.extensions import socketio; "
                  f"socketio.run(create_app(), port={self.port}, allow_unsafe_werkzeug=True)")
        self.proc = subprocess.Popen([PYTHON, "-c", script], cwd=ROOT, env=self.deployment.env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _ready(self.url, self.proc)


class MakeRun(Production):
    def start(self, prepare: bool = False) -> None:
        env = {**self.deployment.env, "PORT": str(self.port)}
        self.proc = subprocess.Popen([PYTHON, "run.py"], cwd=ROOT, env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True)
        _ready(self.url, self.proc)


def _ready(url: str, proc, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url} exited")
        try:
            if requests.get(url + "/login/", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.5)
    raise RuntimeError(f"{url} not ready")


def balanced(folder: Path, processes: int, redis: Redis, database_url: str) -> Production:
    server = Production(folder, processes, redis=redis, DATABASE_URL=database_url)
    server.start = _balanced_start(server)
    return server


def _balanced_start(server: Production):
    def start(prepare: bool = False) -> None:
        env = {**server.deployment.env, "EXTERNAL_URL": server.url}
        server.proc = subprocess.Popen(
            [PYTHON, "-m", "deploy.serve", "--balanced", "--processes", str(server.processes),
             "--port", str(server.port)], cwd=ROOT, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        _ready(server.url, server.proc)
    return start


def pages(server: Production) -> tuple[str, dict[str, str]]:
    """The session cookie of a logged-in centre manager, and the three pages' URLs."""
    http = server.browser(USER, PASSWORD)
    listing = http.get(server.url + "/registrationview/list/", timeout=30).text
    record = re.search(r"/registrationview/show/(\d+)", listing).group(1)
    cookie = "; ".join(f"{k}={v}" for k, v in http.cookies.items() if k != "EXAMDESK_NODE")
    return cookie, {"list": "/registrationview/list/",
                    "record": f"/registrationview/show/{record}", "dashboard": "/"}


def run_rounds(setups: dict, cookies: dict, urls: dict, counts, rounds: int, warmup: float,
               seconds: float):
    results: dict = {}
    for name, server in setups.items():  # warm-up of every page on every set-up
        for path in urls[name].values():
            drive(server.url + path, cookies[name], 4, 1, 2)
    for _ in range(rounds):
        for page in ("list", "record", "dashboard"):
            for clients in counts:
                for name, server in setups.items():
                    # the warm-up outlasts the first queue: every client's first request
                    r = drive(server.url + urls[name][page], cookies[name], clients,
                              max(warmup, clients * 0.3), seconds)
                    results.setdefault((name, page, clients), []).append(r)
    return results


def report(results: dict, setups, counts) -> None:
    print("| set-up | page | clients | req/s (median, range) | p50 ms | p99 ms | errors |")
    print("|---|---|---|---|---|---|---|")
    for (name, page, clients), runs in results.items():
        print(f"| {name} | {page} | {clients} | {spread([r['rate'] for r in runs])} "
              f"| {statistics.median(r['p50'] for r in runs):.0f} "
              f"| {statistics.median(r['p99'] for r in runs):.0f} "
              f"| {sum(r['errors'] for r in runs)} |")
    low, high = counts
    rate = {key: statistics.median(r["rate"] for r in runs) for key, runs in results.items()}
    print(f"\n| set-up | page | req/s at {high} / at {low} clients (goal ≥ 1) |\n|---|---|---|")
    for name in setups:
        for page in ("list", "record", "dashboard"):
            print(f"| {name} | {page} | {_ratio(rate, (name, page, high), (name, page, low))} |")
    if "serve, 2 processes" in setups:
        print(f"\n| page | 2 processes / 1 process at {high} clients (goal ≥ 1.6) |\n|---|---|")
        for page in ("list", "record", "dashboard"):
            two, one = ("serve, 2 processes", page, high), ("serve, 1 process", page, high)
            print(f"| {page} | {_ratio(rate, two, one)} |")


def _ratio(rate: dict, top, bottom) -> str:
    return f"{rate[top] / rate[bottom]:.2f}" if rate[bottom] else "n/a (nothing answered)"


def with_sockets(server, cookie, urls, sockets: int, clients: int, warmup: float,
                 seconds: float) -> None:
    token = server.token(USER, PASSWORD)
    holder = subprocess.Popen([PYTHON, "bench/socket_holder.py", server.url, token,
                               str(sockets)], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        line = holder.stdout.readline().strip()
        assert line == f"ready {sockets}", line
        print(f"\n{sockets} chat sockets open on the 2-process set-up ({load_average()}):\n")
        print("| page | clients | req/s | p50 ms | p99 ms (goal < 1000) | errors |")
        print("|---|---|---|---|---|---|")
        for page, path in urls.items():
            r = drive(server.url + path, cookie, clients, max(warmup, clients * 0.3), seconds)
            print(f"| {page} | {clients} | {r['rate']:.1f} | {r['p50']:.0f} | {r['p99']:.0f} "
                  f"| {r['errors']} |", flush=True)
    finally:
        holder.stdin.close()
        holder.wait(60)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--sockets", type=int, default=200)
    parser.add_argument("--no-werkzeug", action="store_true")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="examdesk-bench-tp-"))
    redis = Redis(folder)
    redis.start()
    with database("postgresql") as pg_url:
        setups: dict[str, Production] = {
            "make run (1 process, SQLite)": MakeRun(folder / "run", redis=redis,
                                                    REDIS_URL=None)}
        if not args.no_werkzeug:
            setups["Werkzeug dev server (before)"] = Werkzeug(folder / "run", redis=redis,
                                                              REDIS_URL=None)
        setups["serve, 1 process"] = balanced(folder / "pg", 1, redis, pg_url)
        setups["serve, 2 processes"] = balanced(folder / "pg", 2, redis, pg_url)
        try:
            for path in (folder / "run", folder / "pg"):
                path.mkdir(parents=True, exist_ok=True)
            setups["make run (1 process, SQLite)"].deployment.prepare()
            setups["serve, 1 process"].deployment.prepare()
            for server in setups.values():
                server.start()
            cookies, urls = {}, {}
            for name, server in setups.items():
                cookies[name], urls[name] = pages(server)
            print(f"<!-- throughput: {load_average()}; {args.warmup} s warm-up + {args.seconds} s "
                  f"measured per run, {args.rounds} rounds -->")
            counts = (1, args.clients)
            results = run_rounds(setups, cookies, urls, counts, args.rounds, args.warmup,
                                 args.seconds)
            report(results, setups, counts)
            two = "serve, 2 processes"
            with_sockets(setups[two], cookies[two], urls[two], args.sockets, args.clients,
                         args.warmup, args.seconds)
            print(f"\n<!-- end: {load_average()} -->")
        finally:
            for server in setups.values():
                server.stop()
            redis.stop()


if __name__ == "__main__":
    main()
