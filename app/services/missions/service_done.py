"""Constat de service fait: what each remuneration type requires, until the expenses are processed."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.models.missions.missions import Convocation, ExpensesStatus, Remuneration, ServiceDone
from app.services.errors import DomainError, NotAllowed, ValidationFailed
from app.services.missions.allowances import to_decimal

LABELS = {"scripts": _l("Number of scripts"), "candidates": _l("Number of candidates examined"),
          "hours": _l("Hours"), "half_day_hours": _l("Hours per half-day"),
          "not_done_reason": _l("Reason")}


def _int(value):
    try:
        return None if value in (None, "") else int(str(value).strip())
    except ValueError:
        return "bad"


def check_service(remuneration: Remuneration, data: dict) -> dict:
    """Validate a service-done entry for the mission's remuneration type; returns clean values.

    Raises ValidationFailed naming every wrong field.
    """
    errors: dict[str, object] = {}
    clean = {"done": bool(data.get("done")), "not_done_reason": None, "scripts": None,
             "candidates": None, "hours": None, "half_day_hours": None}
    if not clean["done"]:
        reason = (data.get("not_done_reason") or "").strip()
        if not reason:
            errors["not_done_reason"] = _l("is required when the service was not done.")
        clean["not_done_reason"] = reason
    elif remuneration == Remuneration.WRITTEN:
        value = _int(data.get("scripts"))
        if value is None or value == "bad" or not 0 <= value <= 999:
            errors["scripts"] = _l("must be a whole number from 0 to 999.")
        clean["scripts"] = value
    elif remuneration == Remuneration.ORAL:
        value = _int(data.get("candidates"))
        if value is None or value == "bad" or not 0 <= value <= 999:
            errors["candidates"] = _l("is required: a whole number from 0 to 999.")
        clean["candidates"] = value
    elif remuneration == Remuneration.PRACTICAL:
        clean["half_day_hours"], bad = _half_days(data.get("half_day_hours") or "")
        if bad:
            errors["half_day_hours"] = _l("one line per day: JJ/MM/AAAA, morning hours, "
                                          "afternoon hours (0 to 12).")
    elif remuneration == Remuneration.HELP:
        value = to_decimal(data.get("hours"))
        if value is None or not Decimal(0) <= value <= Decimal(99):
            errors["hours"] = _l("must be a number of hours from 0 to 99.")
        clean["hours"] = value
    if errors:
        raise ValidationFailed(_l("The service done was not saved."), errors, LABELS)
    return clean


def _half_days(text: str) -> tuple[str, bool]:
    lines = [line.split() for line in text.splitlines() if line.strip()]
    for parts in lines:
        if len(parts) != 3:
            return text, True
        for value in parts[1:]:
            hours = to_decimal(value)
            if hours is None or not Decimal(0) <= hours <= Decimal(12):
                return text, True
    return "\n".join(" ".join(p) for p in lines), not lines


def check_editable(convocation: Convocation) -> None:
    if convocation.expenses_status == ExpensesStatus.PROCESSED:
        raise NotAllowed(_l("The expenses were processed by the manager: the service done can no "
                            "longer be changed."))


def record_service(session: Session, convocation: Convocation, data: dict,
                   now: datetime) -> ServiceDone:
    """Attest the service of one convocation; "not done" cancels its expenses."""
    check_editable(convocation)
    if now.date() < min(s.day for s in convocation.slots):
        raise DomainError(_l("The service can be attested only once the mission has started."))
    clean = check_service(convocation.mission.remuneration, data)
    service = convocation.service or ServiceDone(convocation=convocation)
    for key, value in clean.items():
        setattr(service, key, value)
    service.attested_at = now
    convocation.expenses_status = (ExpensesStatus.NONE if clean["done"]
                                   else ExpensesStatus.CANCELLED)
    session.add(service)
    return service


def mark_processed(convocation: Convocation) -> None:
    """"Traité par gestionnaire": the exam manager validated the expenses."""
    if convocation.service is None or not convocation.service.done:
        raise DomainError(_l("Only an attested service can be processed."))
    convocation.expenses_status = ExpensesStatus.PROCESSED


# -- the grid of a mission: every convoked person on one page, one save ----------------------
def half_day_text(days: list, morning: dict, afternoon: dict) -> str:
    """The "JJ/MM/AAAA am pm" lines of the practical remuneration from the grid's cells (a day
    left empty on both half-days is left out)."""
    lines = []
    for day in days:
        am, pm = (morning.get(day) or "").strip(), (afternoon.get(day) or "").strip()
        if am or pm:
            lines.append(f"{day:%d/%m/%Y} {am or '0'} {pm or '0'}")
    return "\n".join(lines)


def check_grid(remuneration: Remuneration, rows: dict[int, dict]) -> dict[int, dict]:
    """Every entered row checked as record_service would; raises ValidationFailed whose errors
    are keyed "<convocation id>.<field>", all rows at once. Rows whose "done" is empty were not
    entered and are left out."""
    errors, clean = {}, {}
    for cid, data in rows.items():
        if data.get("done") in (None, ""):
            continue
        try:
            clean[cid] = check_service(remuneration, {**data, "done": data["done"] == "y"})
        except ValidationFailed as exc:
            errors.update({f"{cid}.{field}": message for field, message in exc.errors.items()})
    if errors:
        raise ValidationFailed(_l("The service done was not saved: correct the rows marked "
                                  "below."), errors, LABELS)
    return clean


def record_grid(session: Session, convocations: list[Convocation], rows: dict[int, dict],
                now: datetime) -> int:
    """Attest the entered rows of a mission's grid (see check_grid, check_editable and
    record_service): nothing is saved unless every row is right. Returns the rows saved."""
    by_id = {c.id: c for c in convocations}
    entered = {cid: data for cid, data in rows.items() if cid in by_id}
    if not entered:
        return 0
    remuneration = convocations[0].mission.remuneration
    clean = check_grid(remuneration, entered)
    refusals = {}
    for cid in clean:
        try:
            check_editable(by_id[cid])
            if now.date() < min(s.day for s in by_id[cid].slots):
                raise DomainError(_l("The service can be attested only once the mission has "
                                     "started."))
        except DomainError as exc:
            refusals[f"{cid}.done"] = exc.message
    if refusals:
        raise ValidationFailed(_l("The service done was not saved: correct the rows marked "
                                  "below."), refusals, LABELS)
    for cid, values in clean.items():
        record_service(session, by_id[cid], {**values, "done": values["done"]}, now)
    return len(clean)
