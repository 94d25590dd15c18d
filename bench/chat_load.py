"""Chat under load (issue 17, items 3 and 6): an asyncio generator (python-socketio's AsyncClient)
drives N clients × M messages against ExamDesk and, in turns in the same run, against a bare
python-socketio server doing the same one INSERT (bench/bare_chat_server.py), served the same way.

    PYTHONPATH=. .venv/bin/python -m bench.chat_load [--clients 200] [--messages 20] [--rounds 3]
        [--setups sqlite,postgresql] [--round-trips 200]

Set-ups: `sqlite` is the embedded default (`python run.py`: one gunicorn gevent process, SQLite,
no Redis); `postgresql` is two processes sharing Redis and PostgreSQL (BENCH_POSTGRES_URL; a
fresh database is created and dropped). Clients connect over WebSocket straight to the processes
(the balancer's sticky cookie only matters for polling); the two members of a conversation sit
on different processes when there are two, so every delivery crosses Redis.

Each message has a unique client_id. Measured: acknowledgement latency (send → ack), one-way
delivery latency to the other member (send → `message` event), messages/s (acknowledged
messages / time from the first send to the last ack); checked: 0 lost (every acknowledged
message delivered live to the other member), 0 doubled (no message delivered twice, no
client_id stored twice), every message stored (rows counted in the database). A "retry" refusal
(the database stayed busy) or `error` (a statement failed, e.g. no pooled connection in time)
is counted and resent with the same client_id. First, the ack of one
client sending one message after another, against a bare echo and the bare insert.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

import requests
import socketio
from sqlalchemy import create_engine, text

from bench.bare_chat_server import create_table
from bench.common import database, load_average, spread
from deploy.serve import ROOT, Cluster, _wait_port, find_tool, free_port, gunicorn_command

NS = "/chat"
BENCH_PASSWORD = "Bench-Passw0rd!"


def pct(values, p: float) -> float:
    """The p-th percentile, in milliseconds, of durations in seconds."""
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


# -- the servers --------------------------------------------------------------------------------
class Setup:
    """ExamDesk (`processes` gunicorn processes) and the bare server (as many), one database."""

    def __init__(self, name: str, folder: Path, processes: int, database_url: str,
                 redis_url: str | None, cluster: Cluster) -> None:
        self.name, self.folder, self.processes = name, folder, processes
        self.database_url, self.redis_url, self.cluster = database_url, redis_url, cluster
        self.env = {**os.environ, "PYTHONPATH": str(ROOT), "EXAMDESK_INSTANCE": str(folder),
                    "DATABASE_URL": database_url, "SECRET_KEY": secrets.token_hex(16),
                    "EXAMDESK_CONFIG": "config.DevelopmentConfig", "RATELIMIT_ENABLED": "0",
                    "FLASK_APP": "run", "LOG_LEVEL": "error"}
        self.env.pop("REDIS_URL", None)
        if redis_url:
            self.env.update(REDIS_URL=redis_url, RATELIMIT_STORAGE_URI=redis_url)
        self.ours: list[str] = []
        self.bare: list[str] = []

    def prepare(self, conversations: int) -> list[dict]:
        for args in (["db", "upgrade"], ["demo", "load"]):
            subprocess.run([sys.executable, "-m", "flask", "--app", "run", *args], cwd=ROOT,
                           env=self.env, check=True, capture_output=True)
        seeded = subprocess.run([sys.executable, "bench/chat_seed.py", str(conversations)],
                                cwd=ROOT, env=self.env, check=True, capture_output=True,
                                text=True).stdout
        self.bare_url = self.database_url if not self.database_url.startswith("sqlite") else \
            f"sqlite:///{self.folder / 'bare.db'}"
        create_table(self.bare_url)
        return json.loads(seeded)

    def start(self) -> None:
        env = {**self.env, "FAB_UPDATE_PERMS": "0"}
        bare_env = {**os.environ, "PYTHONPATH": str(ROOT), "BARE_DATABASE_URL": self.bare_url}
        if self.redis_url:
            bare_env["BARE_REDIS_URL"] = self.redis_url
        for n in range(self.processes):
            port = free_port()
            proc = self.cluster.spawn(f"{self.name}-ours{n}", gunicorn_command(
                f"127.0.0.1:{port}"), {**env, "EXTERNAL_URL": f"http://127.0.0.1:{port}"})
            _wait_port(port, proc, f"ExamDesk {self.name} {n}", "/login/")
            self.ours.append(f"http://127.0.0.1:{port}")
            port = free_port()
            proc = self.cluster.spawn(f"{self.name}-bare{n}", [
                sys.executable, "-m", "gunicorn", "-k", "gevent", "-w", "1", "--bind",
                f"127.0.0.1:{port}", "--log-level", "error", "bench.bare_chat_server:app"],
                bare_env)
            _wait_port(port, proc, f"bare server {self.name} {n}")
            self.bare.append(f"http://127.0.0.1:{port}")

    def tokens(self, usernames) -> dict[str, str]:
        tokens = {}
        for username in usernames:
            r = requests.post(self.ours[0] + "/api/v1/security/login", timeout=30, json={
                "username": username, "password": BENCH_PASSWORD, "provider": "db"})
            r.raise_for_status()
            tokens[username] = r.json()["access_token"]
        return tokens

    def stored(self, url: str, table: str, prefix: str) -> tuple[int, int]:
        """(rows, distinct client ids) stored by one load run."""
        engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.connect() as conn:
            row = conn.execute(text(f"SELECT count(*), count(DISTINCT client_id) FROM {table} "
                                    "WHERE client_id LIKE :p"), {"p": prefix + "%"}).one()
        engine.dispose()
        return row[0], row[1]


# -- the load -----------------------------------------------------------------------------------
class Member:
    """One connected client: member `index` of conversation `conversation`."""

    def __init__(self, run, index: int, conversation: int, url: str, auth) -> None:
        self.run, self.index, self.conversation = run, index, conversation
        self.url, self.auth = url, auth
        self.sio = socketio.AsyncClient(reconnection=False)
        self.sio.on("message", self.on_message, namespace=NS)

    async def connect(self) -> None:
        await self.sio.connect(self.url, auth=self.auth, namespaces=[NS],
                               transports=["websocket"], wait_timeout=120)
        ack = await self.sio.call("join", {"conversation_id": self.conversation},
                                  namespace=NS, timeout=120)
        assert ack.get("ok"), ack

    async def on_message(self, message) -> None:
        arrived = time.perf_counter()
        client_id = message.get("client_id") or ""
        sender = self.run.sender_of(client_id)
        if sender is None or sender == self.index:
            return
        self.run.live[(self.index, message["id"])] += 1
        if self.run.live[(self.index, message["id"])] == 1:
            self.run.one_way.append(arrived - self.run.sent_at[client_id])

    async def send_all(self, messages: int) -> None:
        for i in range(messages):
            client_id = f"{self.run.prefix}{self.index}-{i}"
            body = f"message {i} from {self.index}"
            self.run.sent_at[client_id] = start = time.perf_counter()
            while True:
                ack = await self.sio.call("send_message", {
                    "conversation_id": self.conversation, "body": body,
                    "client_id": client_id}, namespace=NS, timeout=300)
                if "id" in ack:
                    break
                self.run.refusals[ack.get("code", "?")] += 1
                if ack.get("code") not in ("retry", "error"):  # error: a statement failed
                    raise RuntimeError(f"refused: {ack}")
            self.run.ack.append(time.perf_counter() - start)
            self.run.ids.setdefault(client_id, set()).add(ack["id"])
            self.run.peers_expected += self.run.peers_of(self.index)


class Run:
    """One load run: who sent what, when, and who received what."""

    def __init__(self) -> None:
        self.prefix = f"L{uuid.uuid4().hex[:8]}-"
        self.sent_at: dict[str, float] = {}
        self.ids: dict[str, set[int]] = {}
        self.live: Counter = Counter()
        self.ack: list[float] = []
        self.one_way: list[float] = []
        self.refusals: Counter = Counter()
        self.peers_expected = 0
        self.members: list[Member] = []
        self.conversation_size: Counter = Counter()

    def sender_of(self, client_id: str) -> int | None:
        if not client_id.startswith(self.prefix):
            return None
        return int(client_id[len(self.prefix):].split("-")[0])

    def peers_of(self, index: int) -> int:
        return self.conversation_size[self.members[index].conversation] - 1


async def load(urls: list[str], seeded: list[dict], auth_of, messages: int) -> tuple[Run, float]:
    """Connect the two members of every conversation (on different processes when there are
    several), then all send at once; returns the run and the seconds from first send to last
    ack, after waiting (up to 60 s) for the deliveries still on the way."""
    run = Run()
    for n, row in enumerate(seeded):
        for side, username in enumerate(row["users"]):
            member = Member(run, len(run.members), row["conversation"],
                            urls[(n + side) % len(urls)], auth_of(username))
            run.members.append(member)
            run.conversation_size[row["conversation"]] += 1
    for start in range(0, len(run.members), 50):  # connect in batches: no connection storm
        await asyncio.gather(*(m.connect() for m in run.members[start:start + 50]))
    began = time.perf_counter()
    await asyncio.gather(*(m.send_all(messages) for m in run.members))
    elapsed = time.perf_counter() - began
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(run.live) < run.peers_expected:
        await asyncio.sleep(0.1)
    await asyncio.gather(*(m.sio.disconnect() for m in run.members))
    return run, elapsed


def verdict(run: Run, elapsed: float, stored: tuple[int, int], expected: int) -> dict:
    return {"acked": len(run.ack), "per_s": len(run.ack) / elapsed,
            "ack_p50": pct(run.ack, 50), "ack_p99": pct(run.ack, 99),
            "way_p50": pct(run.one_way, 50), "way_p99": pct(run.one_way, 99),
            "lost": run.peers_expected - len(run.live) + (expected - len(run.ack)),
            "doubled": sum(c - 1 for c in run.live.values() if c > 1)
            + sum(len(ids) - 1 for ids in run.ids.values()) + (stored[0] - stored[1]),
            "stored": stored[0], "refusals": sum(run.refusals.values()),
            "by_code": dict(run.refusals)}


async def round_trips(url: str, event: str, payload, count: int, auth=None) -> list[float]:
    client = socketio.AsyncClient(reconnection=False)
    await client.connect(url, auth=auth, namespaces=[NS], transports=["websocket"])
    times = []
    for i in range(count):
        start = time.perf_counter()
        ack = await client.call(event, payload(i), namespace=NS, timeout=60)
        times.append(time.perf_counter() - start)
        assert isinstance(ack, dict) and "error" not in ack, ack
    await client.disconnect()
    return times


# -- the report ---------------------------------------------------------------------------------
async def ack_rounds(setup: Setup, token: str, conversation: int, count: int, rounds: int):
    """One client, one message after another: bare echo, bare insert, ExamDesk, in turns."""
    body = "x" * 40
    sides = {
        "bare echo": lambda: round_trips(setup.bare[0], "echo", lambda i: {"body": body}, count),
        "bare insert": lambda: round_trips(setup.bare[0], "send_message", lambda i: {
            "conversation_id": conversation, "body": body, "client_id": uuid.uuid4().hex},
            count),
        "ExamDesk": lambda: round_trips(setup.ours[0], "send_message", lambda i: {
            "conversation_id": conversation, "body": body, "client_id": uuid.uuid4().hex},
            count, auth={"token": token}),
    }
    for side in sides.values():  # warm-up
        await side()
    results = {name: {"p50": [], "p99": []} for name in sides}
    for _ in range(rounds):
        for name, side in sides.items():
            times = await side()
            results[name]["p50"].append(pct(times, 50))
            results[name]["p99"].append(pct(times, 99))
    print(f"\n### {setup.name}: acknowledgement of one client, one message after another "
          f"({rounds} rounds × {count}; {load_average()})\n")
    print("| side | ack p50 ms | ack p99 ms | p50 / bare echo |\n|---|---|---|---|")
    echo = results["bare echo"]["p50"]
    for name, r in results.items():
        ratios = [a / b for a, b in zip(r["p50"], echo, strict=True)]
        print(f"| {name} | {spread(r['p50'], 2)} | {spread(r['p99'], 2)} | "
              f"{statistics.median(r['p50']) / statistics.median(echo):.2f} "
              f"({min(ratios):.2f}–{max(ratios):.2f}) |")


async def load_rounds(setup: Setup, seeded, tokens, messages: int, rounds: int) -> None:
    clients = len(seeded) * 2
    expected = clients * messages
    rows = {"bare insert": [], "ExamDesk": []}
    for n in range(rounds):
        for name in rows:
            ours = name == "ExamDesk"
            run, elapsed = await load(setup.ours if ours else setup.bare, seeded,
                                      (lambda u: {"token": tokens[u]}) if ours else
                                      (lambda u: None), messages)
            stored = setup.stored(setup.database_url if ours else setup.bare_url,
                                  "chat_message" if ours else "bare_message", run.prefix)
            rows[name].append(verdict(run, elapsed, stored, expected))
            print(f"  round {n + 1} {name}: {json.dumps(rows[name][-1], default=round)} "
                  f"({load_average()})", file=sys.stderr, flush=True)
    print(f"\n### {setup.name}: {clients} clients × {messages} messages ({rounds} rounds, "
          f"median (range); {load_average()})\n")
    print("| side | messages/s | ack p50 ms | ack p99 ms | one-way p50 ms | one-way p99 ms | "
          "stored | lost | doubled | refusals resent |\n|---|---|---|---|---|---|---|---|---|---|")
    for name, results in rows.items():
        cells = [spread([r[k] for r in results]) for k in
                 ("per_s", "ack_p50", "ack_p99", "way_p50", "way_p99")]
        totals = [f"{sum(r[k] for r in results)}" for k in ("lost", "doubled", "refusals")]
        stored = f"{min(r['stored'] for r in results)}/{expected}"
        print(f"| {name} | {' | '.join(cells)} | {stored} | {' | '.join(totals)} |")
    ratio = [o["per_s"] / b["per_s"] for o, b in zip(rows["ExamDesk"], rows["bare insert"],
                                                      strict=True)]
    print(f"\nExamDesk / bare insert, messages/s: {spread(ratio, 2)}")


def run_setup(name: str, args, folder: Path, cluster: Cluster) -> None:
    with database(name) as url:  # a fresh SQLite file, or a fresh PostgreSQL database
        if name == "sqlite":
            setup = Setup("1 process, SQLite", folder / name, 1, url, None, cluster)
        else:
            setup = Setup("2 processes, Redis, PostgreSQL", folder / name, 2, url,
                          cluster.redis(find_tool("redis-server")), cluster)
        setup.folder.mkdir(parents=True, exist_ok=True)
        try:
            seeded = setup.prepare(args.clients // 2)
            setup.start()
            tokens = setup.tokens(u for row in seeded for u in row["users"])
            first = seeded[0]
            asyncio.run(ack_rounds(setup, tokens[first["users"][0]], first["conversation"],
                                   args.round_trips, args.rounds))
            asyncio.run(load_rounds(setup, seeded, tokens, args.messages, args.rounds))
        finally:
            cluster.stop()
            cluster.children.clear()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--round-trips", type=int, default=200)
    parser.add_argument("--setups", default="sqlite,postgresql",
                        help="sqlite (1 process), postgresql (2 processes + Redis; at "
                        "BENCH_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/postgres)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the servers on a kill too
    folder = Path(tempfile.mkdtemp(prefix="examdesk-chat-load-"))
    cluster = Cluster(folder)
    print(f"<!-- chat_load: {load_average()}, {args.clients} clients × {args.messages} "
          f"messages, {args.rounds} rounds -->")
    try:
        for name in filter(None, args.setups.split(",")):
            run_setup(name, args, folder, cluster)
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
