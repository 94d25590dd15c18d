"""Background exports: the job record, its state and its owner-only access (the work itself is
app/jobs.py: run_export_job)."""
from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.models.toolkit import ExportJob
from app.services.writes import use_case


@use_case
def create_job(session: Session, user_id: int, view_name: str, fmt: str, spec: dict,
               total: int) -> ExportJob:
    job = ExportJob(id=uuid.uuid4().hex, user_id=user_id, view_name=view_name, fmt=fmt,
                    spec=json.dumps(spec), status="queued", total_rows=total)
    session.add(job)
    return job


@use_case
def start_job(session: Session, job_id: str) -> ExportJob | None:
    job = session.get(ExportJob, job_id)
    if job is not None:
        job.status = "running"
    return job


@use_case
def finish_job(session: Session, job_id: str, filename: str) -> None:
    job = session.get(ExportJob, job_id)
    job.filename = filename
    job.status = "done"
    job.done_rows = job.total_rows


@use_case
def fail_job(session: Session, job_id: str, error: str) -> None:
    """The job ends with a status the user can see, whatever broke it."""
    job = session.get(ExportJob, job_id)
    job.status = "failed"
    job.error = error[:500]


def record_progress(engine, job_id: str, count: int) -> None:
    """Progress is written by its own session: the export's streamed query stays open."""
    with Session(bind=engine) as session, session.begin():
        session.query(ExportJob).filter(ExportJob.id == job_id).update(
            {ExportJob.done_rows: count})


def owned_job(session: Session, job_id: str, user_id: int, view_name: str) -> ExportJob | None:
    """The job, only for the user who asked for it (anyone else gets None, i.e. 404)."""
    job = session.get(ExportJob, job_id) if job_id and len(job_id) <= 32 else None
    if job is None or job.user_id != user_id or job.view_name != view_name:
        return None
    return job


def job_path(folder: str | Path, job: ExportJob) -> Path:
    return Path(folder) / f"{job.id}.{job.fmt}"


def progress_of(job: ExportJob) -> dict:
    """100 % only once the file is there: a job whose rows are all written is still saving."""
    percent = 100 if job.status == "done" else min(
        int(job.done_rows * 100 / job.total_rows) if job.total_rows else 0, 99)
    return {"status": job.status, "done": job.done_rows, "total": job.total_rows,
            "percent": percent, "ready": job.status == "done"}


@use_case
def purge_expired(session: Session, folder: str | Path, now: datetime, days: int) -> int:
    """Delete the export jobs created more than `days` days before `now`, their files, and any
    file of the export folder older than that; returns the number of files deleted."""
    cutoff = now - timedelta(days=days)
    deleted = 0
    for job in session.query(ExportJob).filter(ExportJob.created_at < cutoff).all():
        path = job_path(folder, job)
        if path.is_file():
            path.unlink()
            deleted += 1
        session.delete(job)
    folder = Path(folder)
    if folder.is_dir():
        for path in folder.iterdir():
            modified = datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(tzinfo=None)
            if path.is_file() and modified < cutoff:
                path.unlink()
                deleted += 1
    return deleted


READY_SHOWN = 3  # finished exports named in a list's "ready" notice


def ready_ids(user_id: int, view_name: str) -> Select:
    """The ids of the user's finished exports of this list, newest first, as many as the
    list's "ready" notice shows."""
    return (select(ExportJob.id).where(
        ExportJob.user_id == user_id, ExportJob.view_name == view_name,
        ExportJob.status == "done").order_by(ExportJob.created_at.desc()).limit(READY_SHOWN))

