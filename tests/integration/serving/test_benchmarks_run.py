"""The benchmarks that measure in-process work still run against today's code and still compare
like with like: each is run on a small table, in its own process as `make bench` runs it, and
checks on its own that both sides did the same work (the export compares the two files cell by
cell, the list page the references shown). Not timed: only that they complete and print their
table. (The served benchmarks, throughput and chat, start the production set-up; the production
server test covers that set-up.)"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

RUNS = {
    "export": (["-m", "bench.export_xlsx", "--sizes", "300", "--memory-sizes", "300",
                "--repeat", "1"], "| 300 |"),
    "sessions": (["bench/bench_sessions.py", "--rows", "40", "--repeat", "1"],
                 "| import of 40 rows"),
    "list page": (["-m", "bench.list_page", "--sizes", "300", "--backends", "sqlite",
                   "--repeat", "1"], "| sqlite | 300 | sorted, deep page |"),
}


@pytest.mark.skipif(bool(os.environ.get("TEST_DATABASE_URL")),
                    reason="the benchmarks pick their own database: the SQLite run covers them")
@pytest.mark.parametrize("name", sorted(RUNS))
def test_benchmark_runs_and_compares_the_same_work(name):
    args, expected = RUNS[name]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert expected in done.stdout, done.stdout[-3000:]
