"""Chat benchmark: acknowledged round trip vs a bare python-socketio echo (same run), then
N concurrent clients sending M messages each (none lost, one-way latency), on one process and
on two processes sharing Redis. Prints a Markdown table; ratios matter, not absolute times.

    PYTHONPATH=. .venv/bin/python bench/chat_bench.py [--clients 200] [--messages 20]
"""
from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests
import socketio

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import load_average  # noqa: E402
from tests.integration.messaging.chat_processes import (  # noqa: E402
    NS,
    ROOT,
    Deployment,
    Redis,
    free_port,
)

PASSWORD = "Demo-Passw0rd!"


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


def bare_echo_server(port: int):
    """A bare python-socketio server (threading, WebSocket) answering `echo` with its data."""
    from werkzeug.serving import make_server

    sio = socketio.Server(async_mode="threading")
    sio.on("echo", lambda sid, data: data, namespace=NS)
    server = make_server("127.0.0.1", port, socketio.WSGIApp(sio), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def round_trips(url: str, event: str, payload, n: int, auth=None) -> list[float]:
    client = socketio.Client()
    client.connect(url, auth=auth, namespaces=[NS], transports=["websocket"])
    times = []
    for i in range(n):
        data = payload(i)
        start = time.perf_counter()
        ack = client.call(event, data, namespace=NS, timeout=10)
        times.append(time.perf_counter() - start)
        assert not (isinstance(ack, dict) and "error" in ack), ack
    client.disconnect()
    return times


def create_conversations(url: str, token: str, count: int) -> list[int]:
    headers = {"Authorization": f"Bearer {token}"}
    ids = []
    for i in range(count):
        r = requests.post(url + "/api/v1/conversation/", headers=headers, timeout=30,
                          json={"title": f"bench {uuid.uuid4().hex[:6]} {i}", "body": "start"})
        r.raise_for_status()
        ids.append(r.json()["id"])
    return ids


class Participant:
    def __init__(self, url: str, token: str, conversation_id: int, peer_latencies: list) -> None:
        self.conv = conversation_id
        self.received: set[int] = set()
        self.latencies = peer_latencies
        self.lock = threading.Lock()
        self.client = socketio.Client()
        self.client.on("message", self._on_message, namespace=NS)
        self.client.connect(url, auth={"token": token}, namespaces=[NS], transports=["websocket"],
                            wait_timeout=30)
        self.client.call("join", {"conversation_id": conversation_id}, namespace=NS, timeout=30)
        self.me = uuid.uuid4().hex[:8]
        self.refusals = 0

    def _on_message(self, message):
        if message["conversation_id"] != self.conv:
            return
        sent_at, _, author = message["body"].partition("|")
        with self.lock:
            self.received.add(message["id"])
        if author and author != self.me:
            self.latencies.append(time.time() - float(sent_at))

    def send_all(self, count: int, sent: list) -> None:
        for i in range(count):
            body = f"{time.time()}|{self.me}"
            for _ in range(20):  # a "retry" refusal is resent with the same client_id
                ack = self.client.call("send_message", {
                    "conversation_id": self.conv, "body": body,
                    "client_id": f"{self.me}-{i}"}, namespace=NS, timeout=60)
                if "id" in ack:
                    sent.append(ack["id"])
                    break
                self.refusals += 1


def load_test(urls: list[str], seeded: list[dict], tokens: dict, messages: int) -> dict:
    """Two participants per conversation (on different processes when there are two): each
    sends `messages`; every id must be stored once and delivered live to both."""
    latencies: list[float] = []
    pairs = [[Participant(urls[(n + side) % len(urls)], tokens[row["users"][side]],
                          row["conversation"], latencies) for side in (0, 1)]
             for n, row in enumerate(seeded)]
    conversations = [row["conversation"] for row in seeded]
    sent = {conv: [] for conv in conversations}
    start = time.perf_counter()
    threads = [threading.Thread(target=p.send_all, args=(messages, sent[p.conv]))
               for pair in pairs for p in pair]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _missing(pairs, sent):
        time.sleep(0.2)
    stored_missing = 0
    for pair in pairs:
        stored = {m["id"] for m in pair[0].client.call(
            "sync", {"conversation_id": pair[0].conv, "after_id": 0}, namespace=NS, timeout=60)}
        stored_missing += len(set(sent[pair[0].conv]) - stored)
    live_missing = _missing(pairs, sent)
    for pair in pairs:
        for p in pair:
            p.client.disconnect()
    return {"messages": sum(len(v) for v in sent.values()), "seconds": elapsed,
            "refusals": sum(p.refusals for pair in pairs for p in pair),
            "stored_missing": stored_missing, "live_missing": live_missing,
            "p50": pct(latencies, 50), "p99": pct(latencies, 99), "deliveries": len(latencies)}


def _missing(pairs, sent) -> int:
    return sum(len(set(sent[p.conv]) - p.received) for pair in pairs for p in pair)


def fresh_postgres(base: str):
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(base.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"examdesk_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = :n"), {"n": name})
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))

    return url.set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--round-trips", type=int, default=500)
    parser.add_argument("--postgres", help="server URL, e.g. postgresql://postgres@127.0.0.1:5432/"
                        "postgres: a fresh database is created there and dropped after")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the servers on a kill too
    folder = Path(tempfile.mkdtemp(prefix="examdesk-bench-"))
    redis = Redis(folder)
    redis.start()
    deployment = Deployment(folder, redis)
    drop = None
    if args.postgres:
        deployment.env["DATABASE_URL"], drop = fresh_postgres(args.postgres)
    deployment.prepare()
    a, b = deployment.server("a"), deployment.server("b")
    a.start()
    b.start()
    echo_port = free_port()
    echo = bare_echo_server(echo_port)
    try:
        token = a.token("paris.manager", PASSWORD)
        [conv] = create_conversations(a.url, token, 1)
        bare = round_trips(f"http://127.0.0.1:{echo_port}", "echo",
                           lambda i: {"body": "x" * 40}, args.round_trips)
        stored = round_trips(a.url, "send_message", lambda i: {
            "conversation_id": conv, "body": "x" * 40, "client_id": uuid.uuid4().hex},
            args.round_trips, auth={"token": token})
        print(f"<!-- chat_bench: {load_average()} -->")
        print("| measure | bare echo | ExamDesk stored | ratio |\n|---|---|---|---|")
        for p in (50, 99):
            print(f"| ack round trip p{p} (ms) | {pct(bare, p):.2f} | {pct(stored, p):.2f} | "
                  f"{pct(stored, p) / pct(bare, p):.2f}× |")
        seeded = json.loads(subprocess.run(
            [sys.executable, "bench/chat_seed.py", str(args.clients // 2)], cwd=ROOT,
            env=deployment.env, check=True, capture_output=True, text=True).stdout)
        tokens = {u: a.token(u, "Bench-Passw0rd!") for row in seeded for u in row["users"]}
        for label, urls in (("1 process", [a.url]), ("2 processes + Redis", [a.url, b.url])):
            r = load_test(urls, seeded, tokens, args.messages)
            print(f"\n{label}: {args.clients} clients × {args.messages} messages: "
                  f"{r['messages']} acknowledged in {r['seconds']:.1f}s "
                  f"({r['refusals']} busy refusals resent); not stored: "
                  f"{r['stored_missing']}; not delivered live: {r['live_missing']}; "
                  f"peer deliveries timed: {r['deliveries']}; one-way p50 {r['p50']:.1f} ms, "
                  f"p99 {r['p99']:.1f} ms")
    finally:
        echo.shutdown()
        deployment.stop()
        redis.stop()
        if drop:
            drop()


if __name__ == "__main__":
    main()
