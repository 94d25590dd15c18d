"""Production launcher (`make serve`): N gunicorn processes with a gevent worker each, behind
HAProxy with sticky cookies, sharing Socket.IO, login limits and jobs through Redis.

    python -m deploy.serve [--processes 2] [--host 127.0.0.1] [--port 5000]

One process is served by gunicorn alone (`make run`). With several, REDIS_URL is used (a private
redis-server is started when it is unset) and every process gets TRUSTED_PROXIES=1 so that login
limits count the client's address, not the balancer's. With several processes, background
exports are queued on Redis: one `flask jobs worker` process is started beside the web
processes to run them (without it they would wait in the queue forever). One process run with
REDIS_URL set needs `flask --app run jobs worker` started beside it. Standard library only: the app is never
imported here, each worker imports it after gevent has patched the standard library.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
HAPROXY_TEMPLATE = ROOT / "deploy" / "haproxy.cfg.in"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn_command(bind: str) -> list[str]:
    return [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "--bind", bind,
            "--chdir", str(ROOT)]


def haproxy_config(bind: str, ports: list[int]) -> str:
    servers = "\n".join(f"    server web{n} 127.0.0.1:{port} cookie web{n} check inter 5s fall 3"
                        for n, port in enumerate(ports, start=1))
    return HAPROXY_TEMPLATE.read_text().format(bind=bind, servers=servers)


def find_tool(name: str) -> str:
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/local/sbin")
    if path is None:
        sys.exit(f"{name} is missing: `make serve-deps` (or apt-get install {name})")
    return path


def _wait_port(port: int, proc: subprocess.Popen, what: str, path: str | None = None,
               seconds: float = 90) -> None:
    """Until `port` accepts connections (and answers `path` with 200: gunicorn listens before
    its worker has loaded the application)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        try:
            if path is None:
                socket.create_connection(("127.0.0.1", port), 1).close()
                return
            with urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} not ready on {port} after {seconds:.0f}s")


class Cluster:
    """The child processes of a several-process deployment, stopped together."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.children: list[tuple[str, subprocess.Popen]] = []

    def spawn(self, name: str, command: list[str], env: dict) -> subprocess.Popen:
        proc = subprocess.Popen(command, cwd=ROOT, env=env)
        self.children.append((name, proc))
        return proc

    def redis(self, binary: str) -> str:
        port = free_port()
        proc = self.spawn("redis", [binary, "--port", str(port), "--bind",
                                    "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning",
                                    "--dir", str(self.folder)], dict(os.environ))
        _wait_port(port, proc, "redis-server")
        return f"redis://127.0.0.1:{port}/0"

    def wait(self) -> int:
        """Until a child exits (or a signal stops us): then stop every other child."""
        try:
            while True:
                for name, proc in self.children:
                    if proc.poll() is not None:
                        print(f"serve: {name} exited with {proc.returncode}", file=sys.stderr)
                        return proc.returncode or 1
                time.sleep(0.5)
        finally:
            self.stop()

    def stop(self) -> None:
        """Every child but Redis first, together; Redis once they are gone: the servers
        publish their presence clean-up to it while they shut down."""
        last = [(n, p) for n, p in self.children if n == "redis"]
        first = [(n, p) for n, p in reversed(self.children) if n != "redis"]
        for group in (first, last):
            for _, proc in group:
                if proc.poll() is None:
                    proc.terminate()
            for _, proc in group:
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def jobs_worker_command() -> list[str]:
    return [sys.executable, "-m", "flask", "--app", "run", "jobs", "worker"]


def backend_env(redis_url: str) -> dict:
    env = dict(os.environ)
    env["REDIS_URL"] = redis_url
    env.setdefault("RATELIMIT_STORAGE_URI", redis_url)
    env.setdefault("TRUSTED_PROXIES", "1")
    env.setdefault("FAB_UPDATE_PERMS", "0")  # permissions are synced once, before (Makefile)
    return env


def serve_many(processes: int, host: str, port: int) -> int:
    folder = Path(os.environ.get("EXAMDESK_INSTANCE", ROOT / "instance")) / "serve"
    folder.mkdir(parents=True, exist_ok=True)
    cluster = Cluster(folder)
    haproxy = find_tool("haproxy")  # before anything starts: a missing tool exits non-zero
    redis_url = os.environ.get("REDIS_URL")
    redis_server = None if redis_url else find_tool("redis-server")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        redis_url = redis_url or cluster.redis(redis_server)
        env = backend_env(redis_url)
        ports = [free_port() for _ in range(processes)]
        backends = [cluster.spawn(f"web{n}", gunicorn_command(f"127.0.0.1:{p}"), env)
                    for n, p in enumerate(ports, start=1)]
        for n, (backend_port, backend) in enumerate(zip(ports, backends, strict=True), 1):
            _wait_port(backend_port, backend, f"web{n}", "/login/")
        cluster.spawn("jobs", jobs_worker_command(), env)
        config = folder / f"haproxy-{port}.cfg"
        config.write_text(haproxy_config(f"{host}:{port}", ports))
        proc = cluster.spawn("haproxy", [haproxy, "-db", "-f", str(config)], dict(os.environ))
        _wait_port(port, proc, "haproxy")
        print(f"ExamDesk on http://{host}:{port}: {processes} processes behind HAProxy "
              f"(sticky cookie), Redis {redis_url}", flush=True)
        return cluster.wait()
    except (KeyboardInterrupt, SystemExit):  # Ctrl-C, or SIGTERM (the handler above)
        cluster.stop()
        return 0
    except RuntimeError as exc:
        cluster.stop()
        print(f"serve: {exc}", file=sys.stderr)
        return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int,
                        default=int(os.environ.get("PROCESSES", "2")))
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    parser.add_argument("--balanced", action="store_true",
                        help="HAProxy and Redis even for one process (to compare 1 with N)")
    args = parser.parse_args(argv)
    if args.processes <= 1 and not args.balanced:  # one process needs no balancer, no Redis
        command = gunicorn_command(f"{args.host}:{args.port}")
        os.execve(command[0], command, dict(os.environ))
    return serve_many(max(args.processes, 1), args.host, args.port)


if __name__ == "__main__":
    sys.exit(main())
