"""Benchmark scaffolding: a migrated demo database (SQLite or PostgreSQL), a bare FAB view on the
same table as ours, bulk rows generated with plain SQL, SQL statement counting and timing."""
from __future__ import annotations

import os
import statistics
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("EXAMDESK_INSTANCE", tempfile.mkdtemp(prefix="examdesk-bench-"))
os.environ.setdefault("RATELIMIT_ENABLED", "0")

from flask_appbuilder import ModelView  # noqa: E402
from flask_appbuilder.models.sqla.interface import SQLAInterface  # noqa: E402
from sqlalchemy import create_engine, event, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app.models.centres import Agreement  # noqa: E402
from app.views.toolkit.format import default_formatters  # noqa: E402

PASSWORD = "Demo-Passw0rd!"
LIST_COLUMNS = ["centre", "kind", "reference", "status", "valid_from", "valid_until",
                "renewal_requested_at"]


class BareAgreementView(ModelView):
    """FAB's own ModelView on the agreements table: the baseline. Same columns, same search
    columns and the same cell texts as ours (enum labels, dd/MM/yyyy dates: the formatters a
    bare FAB view needs to show them), nothing of the list toolkit."""

    route_base = "/bareagreement"
    datamodel = SQLAInterface(Agreement)
    list_columns = LIST_COLUMNS
    search_columns = ["centre", "kind", "reference", "status", "valid_until"]
    formatters_columns = default_formatters(datamodel, LIST_COLUMNS, {})


@contextmanager
def database(backend: str):
    """A fresh, empty database URL for `backend` ("sqlite" or "postgresql"), dropped after."""
    if backend == "sqlite":
        path = Path(tempfile.mkdtemp(prefix="examdesk-bench-db-")) / "bench.db"
        yield f"sqlite:///{path}"
        path.unlink(missing_ok=True)
        return
    base = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    url = make_url(base.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"examdesk_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = :n"), {"n": name})
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def build(database_url: str):
    """The application with the demo data and the bare baseline view registered beside ours."""
    from flask_migrate import upgrade

    from app import create_app
    from app.cli import sync_security
    from app.demo.loader import load_demo
    from app.extensions import db
    from app.services import audit

    audit.set_actor(None)  # a previous run's requests leave their actor in this thread
    app = create_app("tests.settings.SuiteConfig", SQLALCHEMY_DATABASE_URI=database_url,
                     RATELIMIT_ENABLED=False, AUTH_RATE_LIMITED=False)
    with app.app_context():
        app.appbuilder.add_view_no_menu(BareAgreementView)
        upgrade()
        sync_security()
        load_demo(db.session, app.appbuilder.sm.find_role)
        db.session.remove()
    return app


def grow_agreements(app, target: int) -> int:
    """Add agreements with plain SQL (INSERT ... SELECT) until the table holds `target` rows."""
    from app.extensions import db

    with app.app_context():
        engine = db.engine
        with engine.begin() as conn:
            have = conn.execute(text("SELECT count(*) FROM agreement")).scalar()
            centres = [r[0] for r in conn.execute(text("SELECT id FROM centre ORDER BY id"))]
            missing = target - have
            if missing > 0:
                conn.execute(text(_insert_sql(engine.dialect.name)),
                             {"start": have, "n": missing, "a": centres[0], "b": centres[-1]})
            if engine.dialect.name == "postgresql":
                conn.execute(text("ANALYZE agreement"))
        db.session.remove()
    return target


def _insert_sql(dialect: str) -> str:
    columns = ("centre_id, kind, reference, status, valid_from, valid_until, version, "
               "created_at, updated_at")
    statuses = "CASE i % 5 WHEN 0 THEN 'DRAFT' WHEN 1 THEN 'SUBMITTED' WHEN 2 THEN 'APPROVED' " \
               "WHEN 3 THEN 'REJECTED' ELSE 'EXPIRED' END"
    kinds = "CASE i % 2 WHEN 0 THEN 'AGREEMENT' ELSE 'CONTRACT' END"
    centre = "CASE i % 2 WHEN 0 THEN :a ELSE :b END"
    if dialect == "postgresql":
        return (f"INSERT INTO agreement ({columns}) SELECT {centre}, {kinds}, "
                f"'REF-' || lpad(i::text, 8, '0'), {statuses}, "
                "DATE '2024-01-01' + (i % 700), DATE '2026-01-01' + (i % 900), 1, now(), now() "
                "FROM generate_series(:start + 1, :start + :n) AS i")
    return (f"WITH RECURSIVE seq(i) AS (SELECT :start + 1 UNION ALL SELECT i + 1 FROM seq "
            f"WHERE i < :start + :n) INSERT INTO agreement ({columns}) SELECT {centre}, {kinds}, "
            f"'REF-' || printf('%08d', i), {statuses}, date('2024-01-01', '+' || (i % 700) || "
            f"' days'), date('2026-01-01', '+' || (i % 900) || ' days'), 1, datetime('now'), "
            f"datetime('now') FROM seq")


def login(app, username: str = "admin"):
    import re

    client = app.test_client()
    page = client.get("/login/")
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text).group(1)
    response = client.post("/login/", data={"username": username, "password": PASSWORD,
                                            "csrf_token": token})
    assert response.status_code == 302 and "/login" not in response.headers["Location"]
    return client


@contextmanager
def counting_statements(app):
    """Counts the SQL statements sent to the database while the block runs."""
    from app.extensions import db

    with app.app_context():
        engine = db.engine
    counter = {"n": 0}

    def before(*_args, **_kw):
        counter["n"] += 1

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", before)


def load_average() -> str:
    """The machine's load, printed with every result: other work on the cores skews timings."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f} on {os.cpu_count()} cores"


def spread(values, digits: int = 1) -> str:
    """Median and range of repeated measures, e.g. `12.3 (11.8–14.0)`."""
    return (f"{statistics.median(values):.{digits}f} "
            f"({min(values):.{digits}f}–{max(values):.{digits}f})")


def ratio_spread(numerators, denominators) -> str:
    """The ratio of medians, and the range of the per-round ratios (each round timed both
    sides back to back, so a load change hits both alike)."""
    rounds = [a / b for a, b in zip(numerators, denominators, strict=True)]
    ratio = statistics.median(numerators) / statistics.median(denominators)
    return f"{ratio:.2f} ({min(rounds):.2f}–{max(rounds):.2f})"


def interleaved_times(fns: dict, repeat: int) -> dict[str, list[float]]:
    """Milliseconds of each function over `repeat` rounds, run in turns after one warm-up
    call each (warm caches on both sides; a load change during the run hits all alike)."""
    for fn in fns.values():
        fn()
    times = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - start) * 1000)
    return times
