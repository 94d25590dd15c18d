"""gunicorn settings of one ExamDesk process: one gevent worker that holds open sockets in
greenlets, not request threads (Flask-SocketIO's documented gunicorn deployment)."""
import os

# Imported by the gunicorn master before any worker exists: nothing from `app` here, so that the
# gevent worker monkey-patches the standard library before SQLAlchemy, psycopg and redis load.
wsgi_app = "run:create_app()"
worker_class = "gevent"
workers = 1  # several processes are several gunicorns behind the balancer (deploy/serve.py)
worker_connections = int(os.environ.get("WORKER_CONNECTIONS", "2000"))
timeout = int(os.environ.get("WORKER_TIMEOUT", "120"))
# Open sockets never finish by themselves: a stop waits this long for requests, then closes
# them (the clients reconnect to another process and resync, docs/chat-protocol.md).
graceful_timeout = int(os.environ.get("GRACEFUL_TIMEOUT", "5"))
keepalive = 5
accesslog = os.environ.get("ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning")
# X-Forwarded-Proto is trusted from the balancer on loopback only.
forwarded_allow_ips = "127.0.0.1"


def post_worker_init(worker):
    """Start the sessions' scheduler of this process once its application is loaded (a loop
    every SCHEDULER_INTERVAL seconds, or the RQ job chain when REDIS_URL is set)."""
    # Imported here, not above: the worker has now patched the standard library (see the top).
    from app.jobs import start_scheduler

    start_scheduler(worker.wsgi)
