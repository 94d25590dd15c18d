"""Flask commands: demo data, security sync, generated documentation, background workers."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from redis import Redis
from rq import Queue, SimpleWorker

from app.demo.loader import load_demo
from app.extensions import db
from app.jobs import RQ_QUEUE, purge_exports, run_sessions_pass
from app.models.centres import ExamUser
from app.security.docs import render_permissions_markdown
from app.services import audit, clock

demo_cli = AppGroup("demo", help="Demo data.")
docs_cli = AppGroup("docs", help="Generated documentation.")
security_cli = AppGroup("security", help="Roles and permissions.")
jobs_cli = AppGroup("jobs", help="Background jobs.")
sessions_cli = AppGroup("sessions", help="Sessions: the scheduler's pass.")


def sync_security() -> None:
    """Create the roles and the permissions of every registered view (after migrations)."""
    appbuilder = current_app.appbuilder
    appbuilder.sm.reload_roles()  # the configured table again, under a new version
    appbuilder.sm.create_db()
    appbuilder.add_permissions(update_perms=True)


@security_cli.command("sync")
def security_sync():
    sync_security()
    click.echo("roles and permissions synchronised")


@demo_cli.command("load")
def demo_load():
    """Load the demo data (idempotent)."""
    audit.set_actor(audit.Actor(None, "demo"))
    sync_security()
    counts = load_demo(db.session, current_app.appbuilder.sm.find_role)
    click.echo("demo data ready: " + ", ".join(f"{v} {k}" for k, v in counts.items()))


@demo_cli.command("load-if-empty")
def demo_load_if_empty():
    """Load the demo data only when the database has no user yet (used by `make run`)."""
    if db.session.query(ExamUser.id).first() is None:
        demo_load.callback()
    else:
        sync_security()
        click.echo("database not empty: demo data not loaded")


@docs_cli.command("permissions")
@click.option("--check", is_flag=True, help="Fail if docs/permissions.md is out of date.")
def docs_permissions(check: bool):
    path = Path(current_app.root_path).parent / "docs" / "permissions.md"
    text = render_permissions_markdown(current_app.appbuilder)
    if check:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            raise click.ClickException("docs/permissions.md is out of date: run "
                                       "`flask --app run docs permissions`")
        click.echo("docs/permissions.md is up to date")
        return
    path.write_text(text, encoding="utf-8")
    click.echo(f"wrote {path}")


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty.")
def jobs_worker(burst: bool):
    """Run the background jobs queued on Redis (REDIS_URL), inside this application."""
    redis_url = current_app.config.get("REDIS_URL")
    if not redis_url:
        raise click.ClickException("REDIS_URL is not set: jobs run in the web process")
    connection = Redis.from_url(redis_url)
    queue = Queue(current_app.config.get("EXPORT_RQ_QUEUE", RQ_QUEUE), connection=connection)
    # SimpleWorker runs each job in this process, where the application context is pushed.
    # with_scheduler: the jobs queued for later (the sessions' scheduler) run when due.
    SimpleWorker([queue], connection=connection).work(burst=burst, with_scheduler=True)


@sessions_cli.command("advance")
@click.option("--at", "moment", default=None,
              help="Run the pass as if it were this moment (ISO 8601, UTC), e.g. 2026-06-14T10:00.")
def sessions_advance(moment: str | None):
    """One pass of the sessions' scheduler: close registrations at the deadline, tell the
    centres, warn before the deadline (idempotent)."""
    if moment:
        try:
            clock.set_now(datetime.fromisoformat(moment))
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--at") from exc
    try:
        report = run_sessions_pass()
    finally:
        clock.set_now(None)
    for number in report.closed:
        click.echo(f"closed {number}")
    for reference in report.renewals:
        click.echo(f"renewal reminder {reference}")
    for number, kind in report.notices:
        click.echo(f"notice {kind} {number}")
    click.echo(str(report))


@jobs_cli.command("purge-exports")
def jobs_purge_exports():
    """Delete the export files older than EXPORT_RETENTION_DAYS (also done by every export)."""
    click.echo(f"{purge_exports()} export file(s) deleted")


def register(app: Flask) -> None:
    app.cli.add_command(jobs_cli)
    app.cli.add_command(sessions_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(docs_cli)
    app.cli.add_command(security_cli)
