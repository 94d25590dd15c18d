"""xlsx export benchmark: our export of the agreements list (query, tenancy, formatting,
neutralisation, openpyxl write-only) against bare openpyxl write-only on the same rows, plus
peak memory of our export at 10k and 100k rows.

    PYTHONPATH=. /work/main/.venv/bin/python -m bench.export_xlsx [--sizes 10000,100000]
        [--backend sqlite]
"""
from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from pathlib import Path

from flask import g
from openpyxl import Workbook
from sqlalchemy import select

from bench.common import build, database, grow_agreements

HEADERS = ["Centre", "Kind", "Reference", "Status", "Valid from", "Valid until", "Renewal"]


def _view(app):
    return next(v for v in app.appbuilder.baseviews if type(v).__name__ == "AgreementView")


def ours(app, path: Path) -> None:
    from app.extensions import db
    from app.models.centres import ExamUser
    from app.views.toolkit.state import read_state

    view = _view(app)
    with app.test_request_context("/agreementview/export/xlsx"):
        g.user = db.session.scalar(select(ExamUser).where(ExamUser.username == "admin"))
        view.write_export("xlsx", read_state(view, pref=None), path)
        db.session.remove()


def bare_rows(app) -> list[tuple]:
    """The same rows with plain SQL (centre joined), as a bare script would read them."""
    from app.extensions import db
    from app.models.centres import Agreement, Centre

    with app.app_context():
        stmt = (select(Centre.code, Centre.name, Agreement.kind, Agreement.reference,
                       Agreement.status, Agreement.valid_from, Agreement.valid_until,
                       Agreement.renewal_requested_at)
                .join(Centre, Centre.id == Agreement.centre_id).order_by(Agreement.id))
        rows = [(f"{r[0]} - {r[1]}", *r[2:]) for r in db.session.execute(stmt)]
        db.session.remove()
    return rows


def bare_write(rows, path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Export")
    ws.append(HEADERS)
    for row in rows:
        ws.append([str(v) if v is not None and not isinstance(v, str) else v for v in row])
    wb.save(path)


def bare(app, path: Path) -> None:
    bare_write(bare_rows(app), path)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def peak_mb(fn) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024 / 1024


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--backend", default="sqlite")
    args = parser.parse_args(argv)
    out = Path(tempfile.mkdtemp(prefix="examdesk-bench-xlsx-"))
    print("| rows | ours rows/s | bare openpyxl + SQL rows/s | ours / bare | "
          "bare openpyxl alone rows/s | ours peak MB | bare peak MB |")
    print("|---|---|---|---|---|---|---|")
    with database(args.backend) as url:
        app = build(url)
        for size in (int(s) for s in args.sizes.split(",")):
            grow_agreements(app, size)
            rows = bare_rows(app)
            n = len(rows)
            t_ours = min(timed(lambda: ours(app, out / "ours.xlsx")) for _ in range(2))
            t_bare = min(timed(lambda: bare(app, out / "bare.xlsx")) for _ in range(2))
            t_alone = timed(lambda r=rows: bare_write(r, out / "alone.xlsx"))
            del rows
            m_ours = peak_mb(lambda: ours(app, out / "ours.xlsx"))
            m_bare = peak_mb(lambda: bare(app, out / "bare.xlsx"))
            print(f"| {n:,} | {n / t_ours:,.0f} | {n / t_bare:,.0f} | {t_bare / t_ours:.2f} | "
                  f"{n / t_alone:,.0f} | {m_ours:.1f} | {m_bare:.1f} |", flush=True)


if __name__ == "__main__":
    main()
