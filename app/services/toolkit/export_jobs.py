"""Background exports: the job record, its state and its owner-only access (the work itself is
app/jobs.py: run_export_job)."""
from __future__ import annotations

import json
import uuid
from pathlib import Path

from sqlalchemy.orm import Session

from app.models.toolkit import ExportJob

STATE_FIELDS = ("status", "done_rows", "filename", "error")


def create_job(session: Session, user_id: int, view_name: str, fmt: str, spec: dict,
               total: int) -> ExportJob:
    job = ExportJob(id=uuid.uuid4().hex, user_id=user_id, view_name=view_name, fmt=fmt,
                    spec=json.dumps(spec), status="queued", total_rows=total)
    session.add(job)
    session.commit()
    return job


def owned_job(session: Session, job_id: str, user_id: int, view_name: str) -> ExportJob | None:
    """The job, only for the user who asked for it (anyone else gets None, i.e. 404)."""
    job = session.get(ExportJob, job_id) if job_id and len(job_id) <= 32 else None
    if job is None or job.user_id != user_id or job.view_name != view_name:
        return None
    return job


def job_path(folder: str | Path, job: ExportJob) -> Path:
    return Path(folder) / f"{job.id}.{job.fmt}"


def set_state(session: Session, job_id: str, **values) -> ExportJob | None:
    """Update the job's status, progress, file name or error and commit; returns the job
    (None for an unknown job)."""
    job = session.get(ExportJob, job_id)
    if job is None:
        return None
    for name, value in values.items():
        if name not in STATE_FIELDS:
            raise ValueError(name)
        setattr(job, name, value)
    session.commit()
    return job


def progress_of(job: ExportJob) -> dict:
    percent = 100 if job.status == "done" else (
        int(job.done_rows * 100 / job.total_rows) if job.total_rows else 0)
    return {"status": job.status, "done": job.done_rows, "total": job.total_rows,
            "percent": min(percent, 100)}
