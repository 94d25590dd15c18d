"""List page benchmark: our base view (AgreementView) against a bare FAB ModelView on the same
agreements table, at 10k, 100k and 1M rows, on SQLite and PostgreSQL; with SQL statements per page.

Fair by construction: the same table and rows, the same seven columns and cell texts (the bare
view gets the formatters that show enum labels and dates as ours does), the same page size (25,
explicit on both URLs), the same order and filter arguments, both pages checked to show the same
references (a deep page that has rows), requested in turns after a warm-up of each, as `admin`.
Prints the median and range over the repeats, the per-round ratio range, and the load average.

    PYTHONPATH=. .venv/bin/python -m bench.list_page [--sizes 10000,100000,1000000]
        [--backends sqlite,postgresql] [--repeat 15]
"""
from __future__ import annotations

import argparse
import math
import re
import time

from bench.common import (
    build,
    counting_statements,
    database,
    grow_agreements,
    interleaved_times,
    load_average,
    login,
    ratio_spread,
    spread,
)

PAGE_SIZE = 25
PAGES = {
    "first page": "",
    "sorted, deep page": "_oc_{view}=valid_until&_od_{view}=desc&page_{view}={last}",
    "filtered (contains)": "_flt_2_reference=0042",
}
VIEWS = {"ours": ("/agreementview", "AgreementView"),
         "bare": ("/bareagreement", "BareAgreementView")}
REFERENCE = re.compile(r"REF-\d{8}")


def _url(side: str, query: str, last: int) -> str:
    base, view = VIEWS[side]
    return (f"{base}/list/?psize_{view}={PAGE_SIZE}&" + query.format(view=view, last=last))


def _same_rows(client, urls: dict) -> int:
    """Both pages answer 200 and show the same, non-empty set of references."""
    shown = {}
    for side, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        shown[side] = set(REFERENCE.findall(response.text))
    assert shown["ours"] and shown["ours"] == shown["bare"], (urls, shown)
    return len(shown["ours"])


def measure(app, client, size: int, repeat: int):
    last = math.ceil(size / PAGE_SIZE) - 2  # the page before the last, full (0-based pages)
    for label, query in PAGES.items():
        urls = {side: _url(side, query, last) for side in VIEWS}
        rows = _same_rows(client, urls)
        times = interleaved_times({side: (lambda u=url: client.get(u))
                                   for side, url in urls.items()}, repeat)
        sql = {}
        for side, url in urls.items():
            with counting_statements(app) as counter:
                client.get(url)
            sql[side] = counter["n"]
        yield label, rows, times, sql


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    print(f"<!-- list_page: {load_average()} -->")
    print("| backend | rows | page | rows shown | ours ms | bare FAB ms | ours / bare "
          "| SQL ours | SQL bare |")
    print("|---|---|---|---|---|---|---|---|---|")
    for backend in args.backends.split(","):
        with database(backend) as url:
            app = build(url)
            client = login(app, "admin")
            for size in (int(s) for s in args.sizes.split(",")):
                started = time.perf_counter()
                grow_agreements(app, size)
                generated = time.perf_counter() - started
                repeat = max(5, args.repeat // max(1, len(str(size // 10000))))
                for label, rows, t, sql in measure(app, client, size, repeat):
                    print(f"| {backend} | {size:,} | {label} | {rows} | {spread(t['ours'])} "
                          f"| {spread(t['bare'])} | {ratio_spread(t['ours'], t['bare'])} "
                          f"| {sql['ours']} | {sql['bare']} |", flush=True)
                print(f"<!-- {backend} {size:,} rows generated in {generated:.1f} s; "
                      f"{repeat} rounds; {load_average()} -->", flush=True)
            from app.extensions import db

            with app.app_context():
                db.engine.dispose()


if __name__ == "__main__":
    main()
