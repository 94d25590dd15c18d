"""Shared pieces of the mission screens: labels, the list filters read from the URL, responses."""
from __future__ import annotations

from datetime import date, datetime

from flask import request
from flask_appbuilder import expose
from flask_appbuilder.models.filters import BaseFilter
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select

from app.models.missions.missions import Convocation, ServiceDone
from app.services.clock import local_today
from app.services.errors import DomainError
from app.services.missions import mission_list
from app.services.missions import staff as staff_service

LABELS = {
    "identifier": _l("Identifier"), "last_name": _l("Last name"), "first_name": _l("First name"),
    "birth_date": _l("Birth date"), "post_discipline": _l("Post discipline"),
    "centre": _l("Centre"), "secondary_centre": _l("Secondary centre"),
    "professional_email": _l("Professional e-mail"), "personal_email": _l("Personal e-mail"),
    "professional_phone": _l("Professional phone"), "personal_phone": _l("Personal phone"),
    "address": _l("Address"), "user": _l("User account"),
    "last_convocation_date": _l("Last convocation"), "staff_member": _l("Staff member"),
    "establishment": _l("Establishment"), "training_module": _l("Training module"),
    "module_type": _l("Module type"), "subject": _l("Subject taught"), "modality": _l("Modality"),
    "starts_at": _l("Start"), "ends_at": _l("End"), "reason": _l("Reason"),
    "author_centre": _l("Declared by the centre"), "author_user": _l("Declared by"),
    "created_at": _l("Declared on"), "component": _l("Test-option"),
    "authors_display": _l("Authors"), "number": _l("Number"), "exam_session": _l("Exam session"),
    "product": _l("Exam"), "staff_count": _l("Staff convoked"), "speciality": _l("Speciality"), "type": _l("Type"),
    "starts_on": _l("Start"), "ends_on": _l("End"), "juries": _l("Juries"), "rooms": _l("Rooms"),
    "open_to_centre": _l("Open to convocation by the centre"),
    "remuneration": _l("Remuneration type"), "default_observation": _l("Default observation"),
    "commissions": _l("Commissions"), "state_inputs": _l("State"), "mission": _l("Mission"),
    "quality": _l("Quality"), "commission": _l("Commission"), "jury": _l("Jury"),
    "room": _l("Room"), "observation": _l("Observations"), "origin": _l("Origin"),
    "dates_display": _l("Dates"), "expenses_status": _l("Expenses"), "convocation": _l(
        "Convocation"), "done": _l("Service done"), "not_done_reason": _l("Reason"),
    "scripts": _l("Number of scripts"), "candidates": _l("Number of candidates examined"),
    "hours": _l("Hours"), "half_day_hours": _l("Hours per half-day"),
    "attested_at": _l("Attested on"), "kind": _l("Signatory"), "authority": _l("Authority"),
    "title": _l("Title"), "name": _l("Name"), "city": _l("City"), "period": _l("Period"),
    "first_test_date": _l("Start of the tests"),
    "days_up_to_600": _l("Days with 1 to 600 candidates"),
    "days_over_600": _l("Days with more than 600 candidates"),
    "days_extra": _l("Supplementary days"), "total": _l("Computed total (€)"),
    "status": _l("Entry status"), "processing": _l("Processing"),
    "transmitted_at": _l("Transmitted on"), "shares": _l("Distribution"),
    "suggested_date": _l("Suggested start (exam management)"),
    "suggested_days": _l("Suggested days (exam management)"),
    "locked": _l("Entry validated"), "changed_at": _l("Changed on"), "dates": _l("Dates"),
}


class ScopedDeleteMixin:
    """FAB answers a GET delete of any pk with a redirect: answer 404 for a row out of scope."""

    @expose("/delete/<pk>", methods=["GET", "POST"])
    @has_access
    def delete(self, pk):
        self._check_scope(pk)
        return super().delete(pk)


def enum_labels(**enums) -> dict:
    """formatters_columns showing an enum column's translated label (FAB shows its value)."""
    return {column: (lambda e: lambda v: e(v).label if v else "")(enum_class)
            for column, enum_class in enums.items()}


def yes_no(*columns) -> dict:
    return {column: lambda v: _l("Yes") if v else _l("No") for column in columns}


def arg_date(name: str) -> date | None:
    value = request.args.get(name, "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _on_a_list() -> bool:
    """List filters never hide a row from its own page (show, edit, documents)."""
    return "pk" not in (request.view_args or {})


PERIODS = (("available", _l("Available from … to …")), ("convoked", _l("Convoked from … to …")))


def period_messages() -> list[str]:
    """What the staff list's period filters cannot use, said to the user (the filter then
    ignores that period): a date that cannot be read, or an end before the start."""
    messages = []
    for prefix, label in PERIODS:
        first, last = arg_date(f"{prefix}_from"), arg_date(f"{prefix}_to")
        for name in (f"{prefix}_from", f"{prefix}_to"):
            raw = request.args.get(name, "").strip()
            if raw and arg_date(name) is None:
                messages.append(_("%(filter)s: “%(value)s” is not a date (DD/MM/YYYY).",
                                  filter=label, value=raw))
        if first and last:
            try:
                staff_service.period_bounds(first, last)
            except DomainError as exc:
                messages.append(_("%(filter)s: %(reason)s", filter=label, reason=exc))
    return messages


class StaffPeriodFilter(BaseFilter):
    """"Available from … to …" and "convoked from … to …" of the staff list."""

    name = "Staff periods"
    arg_name = None

    def apply(self, query, value):
        if not _on_a_list():
            return query
        for prefix, clause in (("available", staff_service.available_clause),
                               ("convoked", staff_service.convoked_clause)):
            first, last = arg_date(f"{prefix}_from"), arg_date(f"{prefix}_to")
            if first or last:
                first, last = first or last, last or first
                if last >= first:
                    query = query.filter(clause(first, last))
        return query


def attested_clause(model):
    """Every convocation of the mission has its service done recorded."""
    any_convocation = exists().where(Convocation.mission_id == model.id)
    missing = exists().where(Convocation.mission_id == model.id, ~Convocation.id.in_(
        select(ServiceDone.convocation_id)))
    return any_convocation & ~missing


def year_choices(today: date) -> list[int]:
    return list(range(today.year - 3, today.year + 2))


class MissionYearFilter(BaseFilter):
    """Default filters of the mission lists: the current year, attested missions hidden; the
    exams chosen."""

    name = "Mission year"
    arg_name = None

    def apply(self, query, value):
        if not _on_a_list():
            return query
        today = local_today()
        year = request.args.get("year", str(today.year))
        if year.isdigit() and int(year) in year_choices(today):
            query = query.filter(self.model.starts_on >= date(int(year), 1, 1),
                                 self.model.starts_on <= date(int(year), 12, 31))
        if request.args.get("attested") != "1":
            query = query.filter(~attested_clause(self.model))
        exams = mission_list.exam_clause(self.model, chosen_exams())
        return query if exams is None else query.filter(exams)


def chosen_exams() -> list[int]:
    """The seed's "Examen" filter: ?exam=<id> (several allowed)."""
    return [int(v) for v in request.args.getlist("exam") if v.isdigit()]


