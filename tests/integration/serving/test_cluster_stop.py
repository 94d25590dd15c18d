"""`make serve` stops its children so that a server shutting down still reaches Redis (it
publishes its presence clean-up there): Redis is stopped last, once the others are gone."""
import sys
import textwrap
import time

from deploy.serve import Cluster, find_tool

# A child that, asked to stop, talks to Redis once more before it exits, and says whether it could.
CHILD = textwrap.dedent("""
    import signal, socket, sys, time
    port, out = int(sys.argv[1]), sys.argv[2]
    def stop(*_):
        time.sleep(0.5)  # a shutdown takes a moment; Redis must still be there after it
        try:
            with socket.create_connection(("127.0.0.1", port), 2) as conn:
                conn.sendall(b"PING\\r\\n")
                answer = conn.recv(16)
        except OSError as exc:
            answer = repr(exc).encode()
        open(out, "wb").write(answer)
        sys.exit(0)
    signal.signal(signal.SIGTERM, stop)
    open(out + ".ready", "w").close()
    while True:
        time.sleep(0.1)
""")


def test_redis_outlives_the_servers_at_stop(tmp_path):
    cluster = Cluster(tmp_path)
    try:
        url = cluster.redis(find_tool("redis-server"))
        port = url.rsplit(":", 1)[1].split("/")[0]
        out = tmp_path / "answer"
        cluster.spawn("web1", [sys.executable, "-c", CHILD, port, str(out)], {})
        ready = tmp_path / "answer.ready"
        for _ in range(100):
            if ready.exists():
                break
            time.sleep(0.05)
        assert ready.exists()
    finally:
        cluster.stop()
    assert out.read_bytes() == b"+PONG\r\n"
