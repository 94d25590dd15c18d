"""The numbers behind the dashboard charts, in the viewer's scope: registrations per month,
average result per test component, certifications in stock per type, staff convoked per mission
day. Each chart is {"labels": [...], "values": [...]}, drawn by app/static/examdesk/charts.js and
also shown as a table for screen readers."""
from __future__ import annotations

from collections import Counter
from datetime import date

from babel import dates as babel_dates
from sqlalchemy import func
from sqlalchemy.orm import Session

from app.models.candidates import Registration, RegistrationComponent
from app.models.centres import ExamUser
from app.models.missions.missions import Convocation, ConvocationSlot
from app.models.reference import TestComponent
from app.security.scope import Viewer, scope_query
from app.services.certifications.dashboard import certification_summary
from app.services.formatting import _locale as current_locale
from app.services.formatting import format_day, to_local


def month_key(moment, zone=None) -> str:
    """The local month of a stored moment, as YYYY-MM (sorted as text)."""
    return to_local(moment, zone).strftime("%Y-%m")


def registrations_per_month(db: Session, viewer: Viewer, zone=None, months: int = 12) -> dict:
    """How many registrations were made each month (the last `months` months with any)."""
    query = scope_query(db.query(Registration.registered_at), Registration, viewer)
    counts = Counter(month_key(moment, zone) for (moment,) in query)
    keys = sorted(counts)[-months:]
    return {"labels": [format_month(k) for k in keys], "values": [counts[k] for k in keys]}


def format_month(key: str, locale=None) -> str:
    """YYYY-MM as the language names it: "nov. 2026", "Nov 2026"."""
    year, month = key.split("-")
    return babel_dates.format_date(date(int(year), int(month), 1), "MMM yyyy",
                                   locale=current_locale(locale))


def results_per_component(db: Session, viewer: Viewer) -> dict:
    """The average score per test component, over the results recorded in scope."""
    query = scope_query(
        db.query(TestComponent.code, func.avg(RegistrationComponent.score))
        .join(TestComponent, RegistrationComponent.component_id == TestComponent.id)
        .filter(RegistrationComponent.score.is_not(None))
        .group_by(TestComponent.code).order_by(TestComponent.code),
        RegistrationComponent, viewer)
    rows = list(query)
    return {"labels": [code for code, _avg in rows],
            "values": [round(float(avg), 1) for _code, avg in rows]}


def certification_stock(db: Session, viewer: Viewer, summary: dict | None = None) -> dict | None:
    """The stock left per certification type; `summary` when the caller already has the
    viewer's certification_summary (the dashboard shows both)."""
    summary = summary if summary is not None else certification_summary(db, viewer)
    if not summary:
        return None
    return {"labels": [t.name for t, _left in summary["stock"]],
            "values": [left for _t, left in summary["stock"]]}


def staff_per_mission_day(db: Session, viewer: Viewer, today: date, days: int = 14) -> dict:
    """How many staff members are convoked on each coming day (mission days from today)."""
    slots = scope_query(
        db.query(ConvocationSlot.day, func.count(func.distinct(Convocation.staff_member_id)))
        .join(Convocation, ConvocationSlot.convocation_id == Convocation.id)
        .filter(ConvocationSlot.day >= today)
        .group_by(ConvocationSlot.day).order_by(ConvocationSlot.day),
        Convocation, viewer).limit(days)
    rows = list(slots)
    return {"labels": [format_day(day) for day, _n in rows], "values": [n for _d, n in rows]}


def dashboard_charts(db: Session, viewer: Viewer, today: date, zone=None,
                     certifications: dict | None = None) -> dict:
    return {
        "registrations": registrations_per_month(db, viewer, zone),
        "results": results_per_component(db, viewer),
        "stock": certification_stock(db, viewer, certifications),
        "staff": staff_per_mission_day(db, viewer, today),
    }


def user_login_stats(db: Session) -> tuple[dict, dict]:
    """Logins and failed logins per account (the user statistics page of staff)."""
    users = list(db.query(ExamUser.username, ExamUser.login_count, ExamUser.fail_login_count)
                 .order_by(ExamUser.username))
    names = [u for u, _ok, _ko in users]
    return ({"labels": names, "values": [ok or 0 for _u, ok, _ko in users]},
            {"labels": names, "values": [ko or 0 for _u, _ok, ko in users]})
