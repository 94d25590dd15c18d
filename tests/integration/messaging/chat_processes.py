"""Real processes for the scale-out and fault tests: a private Redis on a free loopback port,
ExamDesk server processes (`python run.py`) sharing it and one SQLite database, and a
python-socketio client that resynchronises from the last id it saw, as the page does."""
from __future__ import annotations

import bisect
import os
import queue
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
import socketio

ROOT = Path(__file__).resolve().parents[3]
PYTHON = sys.executable
READY_SECONDS = 60
NS = "/chat"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(check, what: str, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what} exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            if check():
                return
        except (OSError, requests.RequestException):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} not ready after {READY_SECONDS}s")


class Redis:
    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.folder = folder
        self.proc = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _wait(lambda: socket.create_connection(("127.0.0.1", self.port), 1).close() is None,
              "redis", self.proc)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


class Deployment:
    """One database, one Redis, N server processes."""

    def __init__(self, folder: Path, redis: Redis) -> None:
        self.folder = folder
        self.redis = redis
        self.env = {**os.environ, "PYTHONPATH": str(ROOT), "EXAMDESK_INSTANCE": str(folder),
                    "DATABASE_URL": f"sqlite:///{folder / 'scale.db'}",
                    "SECRET_KEY": secrets.token_hex(16), "REDIS_URL": redis.url,
                    "EXAMDESK_CONFIG": "config.DevelopmentConfig", "RATELIMIT_ENABLED": "0",
                    "FLASK_APP": "run"}
        self.servers: dict[str, Server] = {}

    def prepare(self) -> None:
        for args in (["db", "upgrade"], ["demo", "load"]):
            subprocess.run([PYTHON, "-m", "flask", "--app", "run", *args], cwd=ROOT, env=self.env,
                           check=True, capture_output=True)

    def server(self, name: str) -> Server:
        if name not in self.servers:
            self.servers[name] = Server(self.env, free_port())
        return self.servers[name]

    def stop(self) -> None:
        for server in self.servers.values():
            server.stop()


class Server:
    def __init__(self, env: dict, port: int) -> None:
        self.env = {**env, "PORT": str(port), "HOST": "127.0.0.1",
                    "EXTERNAL_URL": f"http://127.0.0.1:{port}"}
        self.url = f"http://127.0.0.1:{port}"
        self.proc = None

    def start(self) -> None:
        self.proc = subprocess.Popen([PYTHON, "run.py"], cwd=ROOT, env=self.env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _wait(lambda: requests.get(self.url + "/login/", timeout=2).status_code == 200,
              f"server {self.url}", self.proc)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)

    def token(self, username: str, password: str) -> str:
        r = requests.post(self.url + "/api/v1/security/login", timeout=10, json={
            "username": username, "password": password, "provider": "db"})
        r.raise_for_status()
        return r.json()["access_token"]


class ResyncingClient:
    """A /chat participant that keeps every message once, in order, across reconnections:
    on every (re)connect it joins and asks `sync` from the last id it saw (the page's logic)."""

    def __init__(self, url: str, token: str, conversation_id: int) -> None:
        self.conversation_id = conversation_id
        self.ids: list[int] = []
        self.arrivals: queue.Queue = queue.Queue()
        self.sio = socketio.Client(reconnection=True, reconnection_delay=0.2,
                                   reconnection_delay_max=1)
        self.sio.on("message", self._live, namespace=NS)
        self.sio.on("connect", self._resync, namespace=NS)
        self.url, self.token = url, token

    def connect(self, url: str | None = None) -> None:
        self.url = url or self.url
        self.sio.connect(self.url, auth={"token": self.token}, namespaces=[NS],
                         transports=["websocket"], wait_timeout=10)

    def _accept(self, message) -> None:
        if message.get("conversation_id") != self.conversation_id:
            return
        if message["id"] not in self.ids:  # shown once, in id order, like the page
            bisect.insort(self.ids, message["id"])
        self.arrivals.put(message["id"])

    def _live(self, message) -> None:
        """A live message may follow a gap (live events lost during a Redis outage): fetch
        everything after the last id seen, as the page does."""
        if message.get("conversation_id") == self.conversation_id:
            self._sync()

    def _sync(self, *_) -> None:
        after = self.ids[-1] if self.ids else 0
        try:
            self.sio.emit("sync", {"conversation_id": self.conversation_id, "after_id": after},
                          namespace=NS, callback=self._synced)
        except socketio.exceptions.BadNamespaceError:
            pass  # the connection dropped meanwhile: the next connect syncs (_resync), as the page


    def _resync(self) -> None:
        self.sio.emit("join", {"conversation_id": self.conversation_id}, namespace=NS,
                      callback=self._sync)

    def _synced(self, messages) -> None:
        if isinstance(messages, list):
            for message in messages:
                self._accept(message)

    def wait_for(self, message_id: int, seconds: float = 20) -> bool:
        deadline = time.monotonic() + seconds
        while message_id not in self.ids and time.monotonic() < deadline:
            try:
                self.arrivals.get(timeout=0.2)
            except queue.Empty:
                pass
        return message_id in self.ids

    def send(self, body: str, client_id: str) -> dict:
        return self.sio.call("send_message", {"conversation_id": self.conversation_id,
                                              "body": body, "client_id": client_id},
                             namespace=NS, timeout=10)

    def close(self) -> None:
        self.sio.disconnect()
