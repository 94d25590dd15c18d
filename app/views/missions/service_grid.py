"""The service-done grid of a mission (seed 003, "Constat service fait"): every convoked person
on one page — done or not, copies / candidates / hours per half-day / hours, the reason when
not done — saved at once by the service-done rules."""
from __future__ import annotations

from datetime import datetime

from flask import flash, redirect, request, url_for
from flask_appbuilder import expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _

from app.extensions import db
from app.security.context import current_viewer
from app.services.clock import now
from app.services.errors import DomainError, ValidationFailed
from app.services.missions import resources, service_done


def _days(convocation) -> list:
    return sorted({s.day for s in convocation.slots})


def _rows_from(form, convocations) -> dict[int, dict]:
    rows = {}
    for c in convocations:
        days = _days(c)
        rows[c.id] = {
            "done": form.get(f"done-{c.id}", ""),
            "scripts": form.get(f"scripts-{c.id}"), "candidates": form.get(f"candidates-{c.id}"),
            "hours": form.get(f"hours-{c.id}"),
            "not_done_reason": form.get(f"reason-{c.id}"),
            "half_day_hours": service_done.half_day_text(
                days, {d: form.get(f"am-{c.id}-{d:%Y%m%d}") for d in days},
                {d: form.get(f"pm-{c.id}-{d:%Y%m%d}") for d in days})}
    return rows


def _stored(convocations) -> dict:
    """The form's values as stored (the grid opened afresh)."""
    values = {}
    for c in convocations:
        s = c.service
        if s is None:
            continue
        values[f"done-{c.id}"] = "y" if s.done else "n"
        for key, value in (("scripts", s.scripts), ("candidates", s.candidates),
                           ("hours", s.hours), ("reason", s.not_done_reason)):
            if value is not None:
                values[f"{key}-{c.id}"] = str(value).replace(".", ",") if key == "hours" \
                    else str(value)
        for line in (s.half_day_hours or "").splitlines():
            parts = line.split()
            if len(parts) == 3:
                day = datetime.strptime(parts[0], "%d/%m/%Y").date()
                values[f"am-{c.id}-{day:%Y%m%d}"], values[f"pm-{c.id}-{day:%Y%m%d}"] = parts[1:]
    return values


class ServiceGridMixin:
    """Mixed into MissionView: /missionview/service_grid/<pk>."""

    @expose("/service_grid/<pk>", methods=["GET", "POST"])
    @has_access
    def service_grid(self, pk):
        mission = self._item(pk)
        convocations = sorted(mission.convocations,
                              key=lambda c: (c.staff_member.last_name, c.staff_member.first_name))
        values, errors = _stored(convocations), {}
        if request.method == "POST":
            values = request.form.to_dict()
            try:
                saved = resources.attest_mission_services(
                    db.session, current_viewer(), mission, _rows_from(request.form,
                                                                      convocations), now())
            except ValidationFailed as exc:
                errors = {k: str(v) for k, v in exc.errors.items()}
                flash(str(exc.message), "danger")
            except DomainError as exc:
                flash(str(exc), "danger")
            else:
                flash(_("Service done recorded for %(count)s person(s).", count=saved),
                      "success")
                return redirect(url_for(".service_grid", pk=mission.id))
        page = self.render_template(
            "missions/service_grid.html", mission=mission, convocations=convocations,
            values=values, errors=errors, days_of=_days, labels=service_done.LABELS,
            title=_("Service done — mission %(number)s", number=mission.number))
        return page, (422 if errors else 200)
