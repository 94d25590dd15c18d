"""Benchmarks of the sessions area (not timed tests): xlsx import vs bare openpyxl, PDF scaling.

Baselines: the import of N candidate rows (guard, parse, validate, bulk insert, commit) against
bare openpyxl read-only parsing of the same file (the floor: any import reads every cell once);
the attendance sheet of 800 candidates against 8 times the sheet of 100 (linear in pages). Both
sides run in turns after a warm-up; prints the median and range over the repeats and the load.

    PYTHONPATH=. .venv/bin/python bench/bench_sessions.py [--rows 10000] [--repeat 5]
"""
from __future__ import annotations

import argparse
import io
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import ratio_spread, spread  # noqa: E402


def _workbook(rows: int) -> bytes:
    from tests.integration.candidates.xlsx_factory import person_row, workbook_bytes

    return workbook_bytes([person_row(i) for i in range(rows)], write_only=True)


def _bare_read(data: bytes) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True)
    count = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return count


def _admin_viewer(db):
    """The body administrator: the import checks the viewer may change the session."""
    from sqlalchemy import select

    from app.models.centres import ExamUser
    from app.security.context import viewer_for

    return viewer_for(db.scalar(select(ExamUser).where(ExamUser.username == "admin")))


def _session(db, capacity: int):
    from sqlalchemy import select

    from app.models.centres import Centre
    from app.models.reference import Product
    from app.models.sessions import ExamSession
    from app.models.sessions import SessionStatus as S
    from app.services.clock import local_today
    from app.services.sessions.workflow import prepare_new_session

    centre = db.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
    product = db.scalar(select(Product).where(Product.code == "TEFCAN"))
    start = local_today() + timedelta(days=5)
    item = ExamSession(product=product, centre=centre, centre_id=centre.id, start_date=start,
                       end_date=start, capacity=capacity, status=S.REGISTRATIONS_OPEN)
    prepare_new_session(db, item)
    db.add(item)
    db.commit()
    return item


def bench_import(app, rows: int, repeat: int) -> None:
    from app.extensions import db
    from app.services.candidates.imports import import_candidates
    from app.services.clock import now

    data = _workbook(rows)
    bare, full = [], []
    with app.test_request_context():
        _bare_read(data)  # warm-up of both sides
        viewer = _admin_viewer(db.session)
        import_candidates(db.session, viewer, _session(db.session, rows), data, now())
        db.session.commit()
        for _ in range(repeat):  # in turns: a load change hits both sides alike
            t0 = time.perf_counter()
            _bare_read(data)
            bare.append(time.perf_counter() - t0)
            session = _session(db.session, rows)
            t0 = time.perf_counter()
            result = import_candidates(db.session, viewer, session, data, now(), "b.xlsx")
            db.session.commit()
            full.append(time.perf_counter() - t0)
    print(f"| import of {rows:,} rows vs bare openpyxl read-only parsing | "
          f"{spread(full, 2)} s | {spread(bare, 2)} s | {ratio_spread(full, bare)} | ≤ 1.5 |")
    assert result.created, "nothing imported"


def bench_attendance(app, repeat: int) -> None:
    from app.documents.sessions import render_document
    from app.extensions import db
    from app.services.candidates.imports import import_candidates
    from app.services.clock import now

    timings = {100: [], 800: []}
    with app.test_request_context():
        viewer = _admin_viewer(db.session)
        sessions = {}
        for count in timings:
            sessions[count] = _session(db.session, count)
            import_candidates(db.session, viewer, sessions[count], _workbook(count), now())
            db.session.commit()
        for session in sessions.values():  # warm-up (fonts, templates)
            render_document(db.session, session, "attendance_sheet", now())
        for _ in range(repeat):
            for count, session in sessions.items():
                t0 = time.perf_counter()
                render_document(db.session, session, "attendance_sheet", now())
                timings[count].append(time.perf_counter() - t0)
    print(f"| attendance sheet, 800 vs 100 candidates | {spread(timings[800], 2)} s "
          f"| {spread(timings[100], 2)} s | {ratio_spread(timings[800], timings[100])} "
          f"| ≤ 8.8 (8× the pages) |")


def main() -> None:
    from bench.common import build, database, load_average

    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"<!-- bench_sessions: {load_average()} -->")
    print("| measure | ours (median, range) | baseline | ratio (per-round range) | goal |")
    print("|---|---|---|---|---|")
    with database("sqlite") as url:
        app = build(url)
        bench_import(app, args.rows, args.repeat)
        bench_attendance(app, args.repeat)
    print(f"<!-- end: {load_average()} -->")


if __name__ == "__main__":
    main()
