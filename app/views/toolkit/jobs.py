"""Runs a background export: the list's own query, as its owner, in the owner's language."""
from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

from flask import current_app, g, has_app_context
from flask_babel import force_locale

from app.extensions import db
from app.models.centres import ExamUser
from app.security.scope import Viewer
from app.services.toolkit import export_jobs
from app.services.writes import abandon
from app.views.toolkit.state import read_state

log = logging.getLogger("examdesk.exports")


def run_job(job_id: str) -> None:
    """The RQ entry point: uses the current app if any, else builds one from the environment."""
    if has_app_context():
        _run(current_app._get_current_object(), job_id)
        return
    from app import create_app

    app = create_app(os.environ.get("EXAMDESK_CONFIG", "config.Config"))
    with app.app_context():
        _run(app, job_id)


def run_job_in_thread(app, job_id: str) -> None:
    with app.app_context():
        try:
            _run(app, job_id)
        finally:
            db.session.remove()


def _find_view(app, view_name):
    for view in app.appbuilder.baseviews:
        if type(view).__name__ == view_name:
            return view
    raise LookupError(view_name)


def _run(app, job_id: str) -> None:
    job = export_jobs.start_job(db.session, job_id)
    if job is None:
        return
    spec = json.loads(job.spec)
    folder = Path(app.config["EXPORT_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    path = export_jobs.job_path(folder, job)
    try:
        view = _find_view(app, job.view_name)
        with app.test_request_context(f"/?{spec['query']}"):
            g.user = db.session.get(ExamUser, job.user_id)
            g._examdesk_viewer = Viewer(user_id=spec["viewer"]["user_id"],
                                        roles=frozenset(spec["viewer"]["roles"]),
                                        centre_id=spec["viewer"]["centre_id"],
                                        centre_ids=tuple(spec["viewer"]["centre_ids"]))
            with force_locale(spec["locale"]):
                state = read_state(view, pref=view._list_pref())
                view.write_export(job.fmt, state, path, _progress(job_id))
                filename = view._download_name(job.fmt)
        export_jobs.finish_job(db.session, job_id, filename)
    except Exception as exc:  # the job must end with a status the user can see
        log.exception("export %s failed", job_id)
        abandon(db.session)
        export_jobs.fail_job(db.session, job_id, str(exc))


def _progress(job_id):
    def update(count: int) -> None:
        export_jobs.record_progress(db.engine, job_id, count)
        # Under gevent (deploy/gunicorn.conf.py) this "thread" is a greenlet: let the pages and
        # sockets of this process run between two thousand rows (with threads: a GIL release).
        time.sleep(0)

    return update
