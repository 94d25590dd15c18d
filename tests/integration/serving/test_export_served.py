"""Background exports under `make serve` (two gunicorn/gevent processes behind HAProxy, jobs
queued on Redis): the launcher starts the jobs worker, so an export of 6,000 rows asked on one
process finishes, its progress ends at 100 % "done", and the file downloads from either."""
from __future__ import annotations

import io
import re
import tempfile
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import create_engine, text

from tests.conftest import DEMO_PASSWORD
from tests.integration.serving.production import Production

ROWS = 6000


def _grow_agreements(database_url: str, count: int) -> int:
    engine = create_engine(database_url)
    columns = ("centre_id, kind, reference, status, valid_from, valid_until, version, "
               "created_at, updated_at")
    with engine.begin() as conn:
        centre = conn.scalar(text("SELECT min(id) FROM centre"))
        conn.execute(text(
            "WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < :n) "
            f"INSERT INTO agreement ({columns}) SELECT :c, 'AGREEMENT', "
            "'BIG-' || printf('%06d', i), 'APPROVED', date('2024-01-01', '+' || (i % 700) || "
            "' days'), NULL, 1, datetime('now'), datetime('now') FROM seq"),
            {"n": count, "c": centre})
        total = conn.scalar(text("SELECT count(*) FROM agreement"))
    engine.dispose()
    return total


@pytest.fixture(scope="module")
def served():
    server = Production(Path(tempfile.mkdtemp(prefix="examdesk-export-")), processes=2)
    try:
        server.deployment.prepare()
        server.total = _grow_agreements(server.deployment.env["DATABASE_URL"], ROWS)
        server.start(prepare=False)
        yield server
    finally:
        server.stop()


def test_a_large_export_finishes_on_the_jobs_worker_of_make_serve(served):
    browser = served.browser("support", DEMO_PASSWORD)
    started = browser.get(served.url + "/agreementview/export/xlsx", timeout=60)
    assert started.status_code == 200, started.text[:500]
    job_id = re.search(r"/export_job/([0-9a-f]{32})", started.text).group(1)
    status, deadline = {}, time.monotonic() + 180
    while time.monotonic() < deadline:
        status = browser.get(f"{served.url}/agreementview/export_job/{job_id}?json=1",
                             timeout=30).json()
        if status["status"] in ("done", "failed"):
            break
        assert status["percent"] < 100
        time.sleep(0.5)
    assert status == {"status": "done", "done": served.total, "total": served.total,
                      "percent": 100, "ready": True}
    download = browser.get(f"{served.url}/agreementview/export_file/{job_id}", timeout=60)
    assert download.status_code == 200
    rows = list(load_workbook(io.BytesIO(download.content), read_only=True).worksheets[0]
                .iter_rows(values_only=True))
    assert len(rows) - 1 == served.total > ROWS
