"""Background exports that finish: 6,000 rows written by the job match the list (same rows and
columns; dates are typed date cells with the locale's format); the progress says 100 % only
when the file is there; old files are purged after EXPORT_RETENTION_DAYS."""
from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from app import jobs
from app.documents import tables
from app.models.toolkit import ExportJob
from app.services.toolkit import export_jobs
from tests.integration.toolkit.list_helpers import list_headers, list_table

AGREEMENTS = "/agreementview"
ROWS = 6000


def grow_agreements(session, count: int) -> int:
    """`count` more agreements with plain SQL (INSERT ... SELECT), dates spread over years."""
    centres = [r[0] for r in session.execute(text("SELECT id FROM centre ORDER BY id"))]
    columns = ("centre_id, kind, reference, status, valid_from, valid_until, version, "
               "created_at, updated_at")
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(
            f"INSERT INTO agreement ({columns}) SELECT CASE i % 2 WHEN 0 THEN :a ELSE :b END, "
            "'AGREEMENT', 'BIG-' || lpad(i::text, 6, '0'), 'APPROVED', "
            "DATE '2024-01-01' + (i % 700), DATE '2026-01-01' + (i % 900), 1, now(), now() "
            "FROM generate_series(1, :n) AS i"), {"a": centres[0], "b": centres[-1], "n": count})
    else:
        session.execute(text(
            "WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < :n) "
            f"INSERT INTO agreement ({columns}) SELECT CASE i % 2 WHEN 0 THEN :a ELSE :b END, "
            "'AGREEMENT', 'BIG-' || printf('%06d', i), 'APPROVED', "
            "date('2024-01-01', '+' || (i % 700) || ' days'), "
            "date('2026-01-01', '+' || (i % 900) || ' days'), 1, datetime('now'), "
            "datetime('now') FROM seq"), {"a": centres[0], "b": centres[-1], "n": count})
    return session.execute(text("SELECT count(*) FROM agreement")).scalar()


def _job_id(page: str) -> str:
    match = re.search(r"/export_job/([0-9a-f]{32})", page)
    assert match, "the export job page links to its progress"
    return match.group(1)


def test_a_background_export_of_6000_rows_completes_and_matches_the_list(login, db_session):
    total = grow_agreements(db_session, ROWS)
    support = login("support")
    order = "_oc_AgreementView=reference&_od_AgreementView=asc"
    started = support.get(f"{AGREEMENTS}/export/xlsx?{order}")
    assert started.status_code == 200
    job_id = _job_id(started.text)
    # the download is offered only when ready: hidden at first, in a wrapper .btn cannot undo
    assert re.search(r'id="export-ready"[^>]*hidden', started.text)
    jobs.THREADS.pop(job_id).join(timeout=300)
    status = support.get(f"{AGREEMENTS}/export_job/{job_id}?json=1").get_json()
    assert status == {"status": "done", "done": total, "total": total, "percent": 100,
                      "ready": True}
    page = support.get(f"{AGREEMENTS}/export_job/{job_id}").text
    assert not re.search(r'id="export-ready"[^>]*hidden', page)
    assert "L'export est prêt." in page
    listing = support.get(f"{AGREEMENTS}/list/").text  # a notice on the list it came from
    assert "Votre export XLSX du" in listing and f"/export_file/{job_id}" in listing
    assert f"/export_file/{job_id}" not in login("lyon.manager").get(f"{AGREEMENTS}/list/").text
    download = support.get(f"{AGREEMENTS}/export_file/{job_id}")
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(download.get_data()), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows())
    page = support.get(f"{AGREEMENTS}/list/?psize_AgreementView=100&{order}").text
    columns, shown = list_table(page)
    assert [c.value for c in rows[0]] == list_headers(page)
    assert len(rows) - 1 == total > ROWS
    first = rows[1:101]
    valid_from = columns.index("valid_from")
    for cells, on_screen in zip(first, shown, strict=True):
        day = cells[valid_from].value
        assert isinstance(day, datetime) and cells[valid_from].number_format == "DD/MM/YYYY"
        assert day.strftime("%d/%m/%Y") == on_screen[valid_from]
        texts = [("" if c.value is None else c.value) for c in cells
                 if not isinstance(c.value, datetime)]
        assert texts == [v for v in on_screen if not re.fullmatch(r"\d\d/\d\d/\d{4}", v)]
        assert cells[columns.index("reference")].value == on_screen[columns.index("reference")]


def test_the_progress_stays_below_100_until_the_file_is_written(db_session):
    job = ExportJob(id="f" * 32, user_id=1, view_name="AgreementView", fmt="xlsx", spec="{}",
                    status="running", done_rows=21, total_rows=21)
    assert export_jobs.progress_of(job)["percent"] == 99
    job.status = "done"
    assert export_jobs.progress_of(job) == {"status": "done", "done": 21, "total": 21,
                                            "percent": 100, "ready": True}


def test_export_files_are_purged_after_the_retention_days(db_session, tmp_path):
    user_id = db_session.execute(text("SELECT id FROM ab_user WHERE username='support'")).scalar()
    now = datetime(2026, 11, 30, 12)
    old = ExportJob(id="a" * 32, user_id=user_id, view_name="AgreementView", fmt="csv",
                    spec="{}", status="done", created_at=now - timedelta(days=8))
    recent = ExportJob(id="b" * 32, user_id=user_id, view_name="AgreementView", fmt="csv",
                       spec="{}", status="done", created_at=now - timedelta(days=6))
    db_session.add_all([old, recent])
    db_session.flush()
    for job in (old, recent):
        export_jobs.job_path(tmp_path, job).write_text("x")
    deleted = export_jobs.purge_expired(db_session, tmp_path, now, 7)
    assert deleted == 1
    assert not export_jobs.job_path(tmp_path, old).exists()
    assert export_jobs.job_path(tmp_path, recent).exists()
    assert db_session.get(ExportJob, "a" * 32) is None
    assert db_session.get(ExportJob, "b" * 32) is not None


def test_the_purge_command_runs_the_retention_pass(app, db_session, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "EXPORT_FOLDER", str(tmp_path))
    user_id = db_session.execute(text("SELECT id FROM ab_user WHERE username='support'")).scalar()
    db_session.add(ExportJob(id="c" * 32, user_id=user_id, view_name="AgreementView", fmt="csv",
                             spec="{}", status="done", created_at=datetime(2020, 1, 1)))
    db_session.flush()
    (tmp_path / ("c" * 32 + ".csv")).write_text("x")
    result = app.test_cli_runner().invoke(args=["jobs", "purge-exports"])
    assert result.exit_code == 0, result.output
    assert "1 export file(s) deleted" in result.output
    assert not (tmp_path / ("c" * 32 + ".csv")).exists()


@pytest.mark.parametrize("locale, pattern", [("fr", "DD/MM/YYYY"), ("en", "MM/DD/YYYY")])
def test_xlsx_dates_and_numbers_are_typed_cells_with_the_locale_format(locale, pattern):
    out = io.BytesIO()
    tables.write_xlsx(out, tables.Sheet("T", ["d", "m", "n", "t"], [[
        date(2026, 3, 14), datetime(2026, 3, 14, 9, 30), Decimal("12.50"), "=cmd"]], locale))
    cells = list(load_workbook(io.BytesIO(out.getvalue())).active.iter_rows())[1]
    assert cells[0].value == datetime(2026, 3, 14) and cells[0].number_format == pattern
    assert cells[1].value == datetime(2026, 3, 14, 9, 30)
    assert cells[1].number_format == pattern + " HH:MM"
    assert cells[2].value == 12.5 and cells[2].number_format == "#,##0.00"
    assert cells[3].value == "'=cmd"
