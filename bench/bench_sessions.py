"""Benchmarks of the sessions area (not timed tests): xlsx import vs bare openpyxl, PDF scaling.

Run: PYTHONPATH=. python bench/bench_sessions.py   (prints ratios measured in the same run)
"""
from __future__ import annotations

import io
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
REPEAT = 3


def _workbook(rows: int) -> bytes:
    from tests.integration.candidates.xlsx_factory import person_row, workbook_bytes

    return workbook_bytes([person_row(i) for i in range(rows)], write_only=True)


def _bare_read(data: bytes) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True)
    count = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return count


def _session(db, capacity: int):
    from sqlalchemy import select

    from app.models.centres import Centre
    from app.models.reference import Product
    from app.models.sessions import ExamSession
    from app.models.sessions import SessionStatus as S
    from app.services.sessions.workflow import prepare_new_session

    centre = db.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
    product = db.scalar(select(Product).where(Product.code == "TEFCAN"))
    start = date.today() + timedelta(days=5)
    item = ExamSession(product=product, centre=centre, centre_id=centre.id, start_date=start,
                       end_date=start, capacity=capacity, status=S.REGISTRATIONS_OPEN)
    prepare_new_session(db, item)
    db.add(item)
    db.commit()
    return item


def bench_import(app, rows: int = 10000) -> None:
    from app.extensions import db
    from app.services.candidates.imports import import_candidates

    data = _workbook(rows)
    bare, full = [], []
    with app.test_request_context():
        for _ in range(REPEAT):  # interleaved, best of each: the machine is shared and noisy
            t0 = time.perf_counter()
            _bare_read(data)
            bare.append(time.perf_counter() - t0)
            session = _session(db.session, rows)
            t0 = time.perf_counter()
            result = import_candidates(db.session, session, data, datetime.utcnow(), "b.xlsx")
            db.session.commit()
            full.append(time.perf_counter() - t0)
    print(f"import {rows} rows (best of {REPEAT}): bare openpyxl read-only {min(bare):.2f}s, "
          f"import end to end {min(full):.2f}s, ratio {min(full) / min(bare):.2f} "
          f"(goal <= 1.5); created {result.created} per run")


def bench_attendance(app) -> None:
    from app.documents.sessions import render_document
    from app.extensions import db
    from app.services.candidates.imports import import_candidates

    timings = {100: [], 800: []}
    with app.test_request_context():
        sessions = {}
        for count in timings:
            sessions[count] = _session(db.session, count)
            import_candidates(db.session, sessions[count], _workbook(count), datetime.utcnow())
            db.session.commit()
        for _ in range(REPEAT):
            for count, session in sessions.items():
                t0 = time.perf_counter()
                render_document(db.session, session, "attendance_sheet", datetime.utcnow())
                timings[count].append(time.perf_counter() - t0)
    timings = {count: min(values) for count, values in timings.items()}
    print(f"attendance sheet (best of {REPEAT}): 100 candidates {timings[100]:.2f}s, 800 candidates "
          f"{timings[800]:.2f}s, ratio {timings[800] / timings[100]:.2f} (goal <= 8.8)")


def main() -> None:
    from tests.conftest import build_app, migrate_and_load

    folder = Path(tempfile.mkdtemp(prefix="examdesk-bench-"))
    app = build_app(f"sqlite:///{folder / 'bench.db'}")
    migrate_and_load(app)
    bench_import(app)
    bench_attendance(app)


if __name__ == "__main__":
    main()
