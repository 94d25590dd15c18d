"""Large exports run in the background (a thread, or RQ workers when REDIS_URL is set); the
file is downloadable only by the user who asked for it; multi-row actions report row by row."""
from __future__ import annotations

import re
import uuid

import pytest
from flask import g, get_flashed_messages

from app import jobs
from app.models.toolkit import ExportJob
from app.services.errors import DomainError
from tests.integration.toolkit.list_helpers import list_table, read_csv, read_xlsx

PRICES = "/pricelistview"


@pytest.fixture()
def small_threshold(app, monkeypatch):
    monkeypatch.setitem(app.config, "EXPORT_BACKGROUND_ROWS", 3)


def _job_id(page: str) -> str:
    match = re.search(r"/export_job/([0-9a-f]{32})", page)
    assert match, "the export job page links to its progress"
    return match.group(1)


def _shown_rows(client, query=""):
    return list_table(client.get(f"{PRICES}/list/?psize_PriceListView=100&{query}").text)[1]


def test_a_large_export_runs_in_a_thread_and_only_its_owner_downloads_it(
        small_threshold, login, db_session):
    paris = login("paris.manager")
    started = paris.get(f"{PRICES}/export/csv?_oc_PriceListView=amount_excl_vat"
                        "&_od_PriceListView=desc")
    assert started.status_code == 200
    assert 'id="export-bar"' in started.text
    job_id = _job_id(started.text)
    jobs.THREADS.pop(job_id).join(timeout=120)
    status = paris.get(f"{PRICES}/export_job/{job_id}?json=1").get_json()
    assert status["status"] == "done" and status["percent"] == 100
    download = paris.get(f"{PRICES}/export_file/{job_id}")
    assert download.status_code == 200
    rows = read_csv(download.get_data())
    shown = _shown_rows(paris, "_oc_PriceListView=amount_excl_vat&_od_PriceListView=desc")
    assert len(rows) - 1 == len(shown) > 3
    assert [r[3] for r in rows[1:]] == [r[3] for r in shown]
    assert "Lyon" not in str(rows)
    for other in ("paris.staff", "lyon.manager", "support"):
        client = login(other)
        assert client.get(f"{PRICES}/export_file/{job_id}").status_code == 404
        assert client.get(f"{PRICES}/export_job/{job_id}").status_code == 404


def test_a_large_export_runs_on_the_jobs_worker_when_redis_is_configured(
        app, small_threshold, login, monkeypatch, db_session):
    from redis import Redis
    from rq import Queue

    queue_name = f"examdesk-test-{uuid.uuid4().hex[:8]}"
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setitem(app.config, "EXPORT_RQ_QUEUE", queue_name)
    client = login("paris.manager")
    job_id = _job_id(client.get(f"{PRICES}/export/xlsx?q=TEF").text)
    assert job_id not in jobs.THREADS
    assert db_session.get(ExportJob, job_id).status == "queued"
    redis = Redis.from_url("redis://127.0.0.1:6379/0")
    queue = Queue(queue_name, connection=redis)
    assert queue.count == 1
    try:
        worked = app.test_cli_runner().invoke(args=["jobs", "worker", "--burst"])
    finally:
        queue.delete(delete_jobs=True)
    assert worked.exit_code == 0, worked.output
    g.pop("_examdesk_viewer", None)
    download = client.get(f"{PRICES}/export_file/{job_id}")
    assert download.status_code == 200
    rows = read_xlsx(download.get_data())
    assert len(rows) - 1 == len(_shown_rows(client, "q=TEF")) > 3
    assert all("TEF" in row[1] for row in rows[1:])
    assert login("lyon.manager").get(f"{PRICES}/export_file/{job_id}").status_code == 404


def test_an_unknown_job_answers_not_found(login):
    client = login("paris.manager")
    assert client.get(f"{PRICES}/export_file/{'0' * 32}").status_code == 404
    assert client.get(f"{PRICES}/export_job/nope").status_code == 404


def test_multi_row_actions_report_each_row_done_or_refused(app, db_session):
    from app.models.centres import Centre

    view = next(v for v in app.appbuilder.baseviews if type(v).__name__ == "CentreView")
    centres = list(db_session.query(Centre).order_by(Centre.code))

    def rename(centre):
        if centre.code.startswith("LYO"):
            raise DomainError("closed for works")
        centre.city = "Renamed"

    from flask import g

    from app.models.centres import ExamUser

    with app.test_request_context("/centreview/list/"):
        # Each row is a use-case checking the viewer's write scope: act as body staff.
        g.user = db_session.query(ExamUser).filter_by(username="support").one()
        response = view.run_per_row(centres, rename)
        messages = get_flashed_messages(with_categories=True)
    assert response.status_code == 302
    done = [m for c, m in messages if c == "success"]
    refused = [m for c, m in messages if c == "warning"]
    assert len(done) == 1 and "Centre d'examen de Paris" in done[0]
    assert len(refused) == 1 and "Lyon" in refused[0] and "closed for works" in refused[0]
    db_session.expire_all()
    cities = {c.code[:3]: c.city for c in db_session.query(Centre)}
    assert cities == {"PAR": "Renamed", "LYO": "Lyon"}


def test_dates_follow_the_english_locale_too(login):
    client = login("support")
    client.get("/lang/en")
    rows = list_table(client.get("/agreementview/list/").text)[1]
    assert any("12/31/2026" in cell for row in rows for cell in row)
