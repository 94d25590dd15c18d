"""Background work as named functions: the export of a large list, the sessions' scheduler.

A job runs in a thread of the web process, or, when REDIS_URL is set, on RQ workers started
with `flask --app run jobs worker` (the worker runs inside the application, so a job finds its
configuration, database and views through `current_app`).
"""
from __future__ import annotations

import json
import logging
import threading
import time
from datetime import timedelta
from pathlib import Path

from flask import Flask, current_app, g
from flask_babel import force_locale
from redis import Redis
from rq import Queue

from app.extensions import db
from app.models.centres import ExamUser
from app.models.sqlite_pragmas import read_only, writing
from app.models.toolkit import ExportJob
from app.security.scope import Viewer
from app.services import audit, clock
from app.services.centres.agreement_renewals import DEFAULT_NOTICE_DAYS, remind_renewals
from app.services.sessions.scheduler import PassReport, advance_sessions
from app.services.toolkit import export_jobs
from app.services.writes import abandon

log = logging.getLogger("examdesk.jobs")
RQ_QUEUE = "examdesk-exports"
SCHEDULER_JOB_ID = "examdesk-sessions-advance"
THREADS: dict[str, threading.Thread] = {}


def start_export(app: Flask, job_id: str) -> threading.Thread | None:
    """Queue the export on RQ when Redis is configured; otherwise return a thread of this
    process, unstarted, for the caller to start once its own request is over."""
    redis_url = app.config.get("REDIS_URL")
    if redis_url:
        Queue(app.config.get("EXPORT_RQ_QUEUE", RQ_QUEUE), connection=Redis.from_url(
            redis_url)).enqueue(run_export_job, job_id, job_timeout=3600)
        return None
    thread = threading.Thread(target=run_export_job_in_thread, args=(app, job_id), daemon=True,
                              name=f"export-{job_id}")
    THREADS[job_id] = thread
    return thread


def run_export_job_in_thread(app: Flask, job_id: str) -> None:
    with app.app_context():
        run_export_job(job_id)


def run_export_job(job_id: str) -> None:
    """Write the export file of the job as its owner saw the list, in the owner's language.

    The rows are read in a reader transaction while the progress is written in short
    transactions of its own; the reading transaction ends before the final status is written,
    so the reading never holds the write lock and the last write never upgrades a stale read
    (SQLite would refuse it)."""
    app = current_app._get_current_object()
    try:
        with writing():
            job = export_jobs.start_job(db.session, job_id)
        if job is None:
            return
        folder = Path(app.config["EXPORT_FOLDER"])
        folder.mkdir(parents=True, exist_ok=True)
        purge_exports()
        with read_only():
            filename = _write_file(app, job, export_jobs.job_path(folder, job))
        db.session.remove()
        with writing():
            export_jobs.finish_job(db.session, job_id, filename)
    except Exception as exc:  # the job must end with a status its owner can see
        log.exception("export %s failed", job_id)
        abandon(db.session)
        with writing():
            export_jobs.fail_job(db.session, job_id, str(exc))
    finally:
        db.session.remove()


def purge_exports() -> int:
    """The retention pass: export files and jobs older than EXPORT_RETENTION_DAYS go."""
    app = current_app._get_current_object()
    with writing():
        return export_jobs.purge_expired(db.session, app.config["EXPORT_FOLDER"], clock.now(),
                                         app.config.get("EXPORT_RETENTION_DAYS", 7))


def _write_file(app: Flask, job: ExportJob, path: Path) -> str:
    spec = json.loads(job.spec)
    view = next(v for v in app.appbuilder.baseviews if type(v).__name__ == job.view_name)
    with app.test_request_context(f"/?{spec['query']}"):
        g.user = db.session.get(ExamUser, job.user_id)
        g._examdesk_viewer = Viewer(user_id=spec["viewer"]["user_id"],
                                    roles=frozenset(spec["viewer"]["roles"]),
                                    centre_id=spec["viewer"]["centre_id"],
                                    centre_ids=tuple(spec["viewer"]["centre_ids"]))
        with force_locale(spec["locale"]):
            view.export_to(job.fmt, path, _progress(job.id))
            return view._download_name(job.fmt)


def _progress(job_id: str):
    def update(count: int) -> None:
        with writing():
            export_jobs.record_progress(db.engine, job_id, count)
        # Under gevent (deploy/gunicorn.conf.py) this thread is a greenlet: let the pages and
        # sockets of this process run between two thousand rows (with threads: a GIL release).
        time.sleep(0)

    return update


# -- the sessions' scheduler ------------------------------------------------------------------
def run_sessions_pass() -> PassReport:
    """One pass of the sessions' scheduler at the application clock's time (a named job)."""
    audit.set_actor(audit.Actor(None, "scheduler"))
    try:
        with writing():
            report = advance_sessions(db.session, clock.now())
            report.renewals = remind_renewals(
                db.session, clock.now(), current_app.config.get(
                    "AGREEMENT_RENEWAL_NOTICE_DAYS", DEFAULT_NOTICE_DAYS))
        log.info("sessions pass: %s", report)
        return report
    finally:
        db.session.remove()


def run_sessions_pass_on_rq(interval: int) -> None:
    """The RQ job: one pass, then the next one queued `interval` seconds later (needs a worker
    started with the RQ scheduler: `flask --app run jobs worker`)."""
    try:
        run_sessions_pass()
    finally:
        _rq_queue(current_app._get_current_object()).enqueue_in(
            timedelta(seconds=interval), run_sessions_pass_on_rq, interval,
            job_id=SCHEDULER_JOB_ID)


def _rq_queue(app: Flask) -> Queue:
    return Queue(app.config.get("EXPORT_RQ_QUEUE", RQ_QUEUE),
                 connection=Redis.from_url(app.config["REDIS_URL"]))


def start_scheduler(app: Flask) -> threading.Thread | None:
    """Run the sessions' scheduler every SCHEDULER_INTERVAL seconds (0: never): on RQ when
    REDIS_URL is set (one chain of jobs, whatever the number of web processes), else in a
    daemon thread of this process (a greenlet under gevent)."""
    interval = int(app.config.get("SCHEDULER_INTERVAL") or 0)
    if interval <= 0:
        return None
    if app.config.get("REDIS_URL"):
        queue = _rq_queue(app)
        if queue.fetch_job(SCHEDULER_JOB_ID) is None:
            queue.enqueue(run_sessions_pass_on_rq, interval, job_id=SCHEDULER_JOB_ID)
        return None
    thread = threading.Thread(target=_scheduler_loop, args=(app, interval), daemon=True,
                              name="sessions-scheduler")
    thread.start()
    return thread


def _scheduler_loop(app: Flask, interval: int) -> None:
    while True:
        with app.app_context():
            try:
                run_sessions_pass()
            except Exception:  # the next pass tries again; the loop must not die
                log.exception("sessions pass failed")
        time.sleep(interval)
