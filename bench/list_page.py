"""List page benchmark: our base view against a bare FAB ModelView on the same agreements table,
at 10k, 100k and 1M rows, on SQLite and PostgreSQL; with the SQL statements per page.

    PYTHONPATH=. /work/main/.venv/bin/python -m bench.list_page [--sizes 10000,100000,1000000]
        [--backends sqlite,postgresql] [--repeat 7]
"""
from __future__ import annotations

import argparse
import time

from bench.common import (
    build,
    counting_statements,
    database,
    grow_agreements,
    interleaved_medians,
    login,
)

PAGES = {
    "first page": "",
    "sorted, deep page": "_oc_{view}=valid_until&_od_{view}=desc&page_{view}={last}",
    "filtered (contains)": "_flt_2_reference=0042",
}


def _url(base, view, query, last):
    return f"{base}/list/?" + query.format(view=view, last=last)


def measure(app, client, size, repeat):
    rows = []
    last = size // 10 - 5  # a page near the end with the default page size of 10
    for label, query in PAGES.items():
        urls = {"ours": _url("/agreementview", "AgreementView", query, last),
                "bare": _url("/bareagreement", "BareAgreementView", query, last)}
        for url in urls.values():
            assert client.get(url).status_code == 200, url
        result = interleaved_medians(
            {name: (lambda u=url: client.get(u)) for name, url in urls.items()}, repeat)
        for name, url in urls.items():
            with counting_statements(app) as counter:
                client.get(url)
            result[name + "_sql"] = counter["n"]
        rows.append((label, result))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    print("| backend | rows | page | ours ms | bare FAB ms | ours / bare | SQL ours | SQL bare |")
    print("|---|---|---|---|---|---|---|---|")
    for backend in args.backends.split(","):
        with database(backend) as url:
            app = build(url)
            client = login(app, "admin")
            for size in (int(s) for s in args.sizes.split(",")):
                started = time.perf_counter()
                grow_agreements(app, size)
                generated = time.perf_counter() - started
                repeat = max(3, args.repeat // max(1, len(str(size // 10000))))
                for label, r in measure(app, client, size, repeat):
                    print(f"| {backend} | {size:,} | {label} | {r['ours']:.1f} | {r['bare']:.1f} "
                          f"| {r['ours'] / r['bare']:.2f} | {r['ours_sql']} | {r['bare_sql']} |",
                          flush=True)
                print(f"<!-- {backend} {size:,} rows generated in {generated:.1f} s -->",
                      flush=True)
            from app.extensions import db

            with app.app_context():
                db.engine.dispose()


if __name__ == "__main__":
    main()
