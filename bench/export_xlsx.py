"""xlsx export benchmark: our export of the agreements list against bare openpyxl write-only
streaming the same rows from one plain query (the fair baseline), beside a bare script that first
materialises every row; and the peak memory of each from 10k to 1M rows.

Fair by construction: the same rows in the same order (id), the same seven columns and cell
(centre "code - name", enum labels in French, the formula guard; dates as typed cells in the
DD/MM/YYYY format and date-times in Paris time, as ours writes them), one query each, openpyxl
write-only on every side; the three sides run in turns after a warm-up, and
the output files are checked to hold the same cells. Ours adds what the screen's export needs:
the list state (filters, order, chosen columns), the tenancy filter, the list's formatters.

    PYTHONPATH=. .venv/bin/python -m bench.export_xlsx [--sizes 10000,100000]
        [--memory-sizes 10000,100000,1000000] [--repeat 5] [--backend sqlite]
"""
from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import g
from flask_babel import force_locale
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from sqlalchemy import select

from bench.common import build, database, grow_agreements, load_average, ratio_spread, spread

HEADERS = ["Centre", "Kind", "Reference", "Status", "Valid from", "Valid until", "Renewal"]
GUARD = ("=", "+", "-", "@", "\t", "\r")
MATERIALISED_MAX = 100_000
PARIS = ZoneInfo("Europe/Paris")


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


def _bare_query():
    from app.models.centres import Agreement, Centre

    return (select(Centre.code, Centre.name, Agreement.kind, Agreement.reference,
                   Agreement.status, Agreement.valid_from, Agreement.valid_until,
                   Agreement.renewal_requested_at)
            .join(Centre, Centre.id == Agreement.centre_id).order_by(Agreement.id))


def _cell(ws, value, labels: dict):
    """The cell a bare script writes: labels looked up, the formula guard; a date as a typed
    cell, a date-time (stored in UTC) as Paris wall-clock time."""
    if value is None:
        return ""
    if isinstance(value, date):
        if isinstance(value, datetime):
            value = value.replace(tzinfo=UTC).astimezone(PARIS).replace(tzinfo=None)
            number_format = "DD/MM/YYYY HH:MM"
        else:
            number_format = "DD/MM/YYYY"
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = number_format
        return cell
    text = labels[value] if value in labels else str(value)
    return "'" + text if text.startswith(GUARD) else text


def _bare_rows(app, ws, stream: bool):
    from app.extensions import db
    from app.models.centres import AgreementKind, AgreementStatus

    with app.app_context(), force_locale("fr"):
        labels = {m: str(m.label) for enum in (AgreementKind, AgreementStatus) for m in enum}
        stmt = _bare_query()
        result = db.session.execute(stmt.execution_options(yield_per=1000) if stream else stmt)
        rows = result if stream else result.all()
        for code, name, *rest in rows:
            yield [_cell(ws, f"{code} - {name}", labels), *(_cell(ws, v, labels) for v in rest)]
        db.session.remove()


def bare(app, path: Path, stream: bool = True) -> None:
    """Bare openpyxl write-only; `stream=False` reads every row into a list first."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Export")
    ws.append(HEADERS)
    for row in _bare_rows(app, ws, stream):
        ws.append(row)
    wb.save(path)


def first_difference(a: Path, b: Path) -> tuple | None:
    """The first data row (headers aside) where the two files differ, as (row a, row b)."""
    rows_a = load_workbook(a, read_only=True).worksheets[0].iter_rows(min_row=2, values_only=True)
    rows_b = load_workbook(b, read_only=True).worksheets[0].iter_rows(min_row=2, values_only=True)
    return next(((x, y) for x, y in zip(rows_a, rows_b, strict=True) if x != y), None)


def peak_mb(fn) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024 / 1024


def timed_rounds(sides: dict, repeat: int) -> dict[str, list[float]]:
    for fn in sides.values():
        fn()  # warm-up: caches, the database pages, openpyxl's imports
    times = {name: [] for name in sides}
    for _ in range(repeat):
        for name, fn in sides.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return times


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--memory-sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--backend", default="sqlite")
    args = parser.parse_args(argv)
    out = Path(tempfile.mkdtemp(prefix="examdesk-bench-xlsx-"))
    print(f"<!-- export_xlsx: {load_average()} -->", flush=True)
    timing = [int(s) for s in args.sizes.split(",") if s]
    memory = [int(s) for s in args.memory_sizes.split(",") if s]
    speed_rows, memory_rows = [], []
    with database(args.backend) as url:
        app = build(url)
        for size in sorted(set(timing) | set(memory)):  # the table only grows
            grow_agreements(app, size)
            if size in timing:
                speed_rows.append(_speed(app, out, size, args.repeat))
            if size in memory:
                memory_rows.append(_memory(app, out, size))
    print("| rows | ours rows/s | bare streaming rows/s | bare materialised rows/s "
          "| ours / bare streaming | ours / bare materialised |")
    print("|---|---|---|---|---|---|")
    print("\n".join(speed_rows))
    print("\n| rows | ours peak MB | bare streaming peak MB | bare materialised peak MB |")
    print("|---|---|---|---|")
    print("\n".join(memory_rows))
    print(f"<!-- end: {load_average()} -->")


def _speed(app, out: Path, size: int, repeat: int) -> str:
    sides = {"ours": lambda: ours(app, out / "ours.xlsx"),
             "stream": lambda: bare(app, out / "stream.xlsx"),
             "materialised": lambda: bare(app, out / "all.xlsx", stream=False)}
    t = timed_rounds(sides, repeat)
    difference = first_difference(out / "ours.xlsx", out / "stream.xlsx")
    assert difference is None, f"different cells: {difference}"
    rate = {k: [size / s for s in v] for k, v in t.items()}
    print(f"<!-- {size:,} rows: {repeat} rounds; {load_average()} -->", flush=True)
    return (f"| {size:,} | {spread(rate['ours'])} | {spread(rate['stream'])} "
            f"| {spread(rate['materialised'])} | {ratio_spread(rate['ours'], rate['stream'])} "
            f"| {ratio_spread(rate['ours'], rate['materialised'])} |")


def _memory(app, out: Path, size: int) -> str:
    mem = {"ours": peak_mb(lambda: ours(app, out / "ours.xlsx")),
           "stream": peak_mb(lambda: bare(app, out / "stream.xlsx")),
           "all": peak_mb(lambda: bare(app, out / "all.xlsx", stream=False))
           if size <= MATERIALISED_MAX else float("nan")}  # its growth shows by 100k rows
    row = f"| {size:,} | {mem['ours']:.1f} | {mem['stream']:.1f} | {mem['all']:.1f} |"
    print(f"<!-- memory {row} {load_average()} -->", flush=True)  # each as it comes: 1M is long
    return row


if __name__ == "__main__":
    main()
