"""The production set-up as `make serve` starts it (deploy/serve.py): N gunicorn processes with a
gevent worker each behind HAProxy, a private Redis, one database; plus logged-in HTTP clients."""
from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import requests

from tests.integration.messaging.chat_processes import PYTHON, ROOT, Deployment, Redis, free_port

READY_SECONDS = 120


class Production:
    """`python -m deploy.serve --processes N` on a free port, with its own Redis and database."""

    def __init__(self, folder: Path, processes: int = 2, redis: Redis | None = None,
                 **env) -> None:
        """`redis`: a shared, already started one; `env`: overrides (None removes a key)."""
        self.own_redis = redis is None
        self.redis = redis or Redis(folder)
        self.deployment = Deployment(folder, self.redis)
        for key, value in env.items():
            if value is None:
                self.deployment.env.pop(key, None)
            else:
                self.deployment.env[key] = value
        self.processes = processes
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = None

    def start(self, prepare: bool = True) -> None:
        if self.own_redis:
            self.redis.start()
        if prepare:
            self.deployment.prepare()
        env = {**self.deployment.env, "EXTERNAL_URL": self.url}
        self.proc = subprocess.Popen(
            [PYTHON, "-m", "deploy.serve", "--processes", str(self.processes),
             "--port", str(self.port)], cwd=ROOT, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(self.proc.stderr.read().decode()[-3000:])
            try:
                if requests.get(self.url + "/login/", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"deploy.serve not ready after {READY_SECONDS}s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()  # the launcher stops its gunicorns and HAProxy
            self.proc.wait(30)
        if self.own_redis:
            self.redis.stop()

    def token(self, username: str, password: str) -> str:
        r = requests.post(self.url + "/api/v1/security/login", timeout=30, json={
            "username": username, "password": password, "provider": "db"})
        r.raise_for_status()
        return r.json()["access_token"]

    def browser(self, username: str, password: str) -> requests.Session:
        """A logged-in session, as a browser holds it (session and balancer cookies)."""
        http = requests.Session()
        page = http.get(self.url + "/login/", timeout=30)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text).group(1)
        r = http.post(self.url + "/login/", timeout=30, allow_redirects=False, data={
            "username": username, "password": password, "csrf_token": token})
        assert r.status_code == 302 and "/login" not in r.headers["Location"], r.text[:500]
        return http
