"""Importing candidates and examiners into a session from xlsx: validate all, then store all."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.models.audit import AuditLog
from app.models.base import utcnow
from app.models.candidates import (
    Candidate,
    Registration,
    RegistrationComponent,
    RegistrationStatus,
)
from app.models.sessions import ExamSession, SessionExaminer
from app.security.scope import Viewer
from app.services.audit import current_actor
from app.services.candidates import registrations as reg_svc
from app.services.candidates.candidates import dedup_key
from app.services.candidates.import_columns import (
    CellError,
    ImportColumn,
    Issue,
    candidate_columns,
    examiner_columns,
    norm,
)
from app.services.candidates.xlsx_guard import open_workbook, sheet_rows
from app.services.errors import DomainError
from app.services.live import refresh_dashboards
from app.services.writes import use_case


class ImportRejected(DomainError):
    """The file has bad rows: nothing was stored; `issues` lists every bad cell."""

    def __init__(self, issues: list[Issue]):
        super().__init__(_l("Nothing was imported: %(count)s error(s) to correct."),
                         count=len(issues))
        self.issues = issues


@dataclass
class ImportResult:
    created: int = 0
    reused: int = 0
    already: int = 0


def columns_for(session: ExamSession, kind: str) -> list[ImportColumn]:
    if kind == "examiners":
        return examiner_columns()
    components = session.product.components if session.product.modular else ()
    return candidate_columns(components)


def _map_headers(header: tuple, columns: list[ImportColumn]) -> tuple[dict, list[Issue]]:
    keys = {c.key: c.header_keys() for c in columns}
    positions, issues = {}, []
    for index, cell in enumerate(header):
        for column in columns:
            if column.key not in positions and norm(cell) in keys[column.key]:
                positions[column.key] = index
                break
    for column in columns:
        if column.required and column.key not in positions:
            issues.append(Issue(1, str(column.label), str(_l("this column is missing."))))
    return positions, issues


def _defaults(workbook, columns: list[ImportColumn]) -> tuple[dict, list[Issue]]:
    """Default values from the template's second sheet (column label, value)."""
    values, issues = {}, []
    for number, row in enumerate(sheet_rows(workbook, 1), start=1):
        if number == 1 or not row or len(row) < 2 or row[1] in (None, ""):
            continue
        for column in columns:
            if norm(row[0]) in column.header_keys():
                try:
                    values[column.key] = column.parse(_plain(row[1]))
                except CellError as exc:
                    issues.append(Issue(number, str(_l("Default values")) + " / " +
                                        str(column.label), str(exc)))
    return values, issues


def _plain(value):
    if isinstance(value, str) and value.startswith("="):
        raise CellError(str(_l("formulas are not accepted; type the value.")))
    return value


def parse_sheet(data: bytes, columns: list[ImportColumn]) -> list[tuple[int, dict]]:
    """Every row parsed, or ImportRejected listing every bad row and cell."""
    with open_workbook(data) as workbook:
        defaults, issues = _defaults(workbook, columns)
        rows = sheet_rows(workbook, 0)
        header = next(rows, None)
        if header is None:
            raise DomainError(_l("The sheet is empty."))
        positions, header_issues = _map_headers(header, columns)
        issues += header_issues
        if issues:
            raise ImportRejected(issues)
        records = _parse_rows(rows, columns, positions, defaults, issues)
    if not records and not issues:
        raise DomainError(_l("The sheet has no row to import."))
    if issues:
        raise ImportRejected(issues)
    return records


def _parse_rows(rows, columns, positions, defaults, issues) -> list[tuple[int, dict]]:
    records = []
    plan = [(column, positions.get(column.key)) for column in columns]
    for number, row in enumerate(rows, start=2):
        if row is None or all(v is None or v == "" for v in row):
            continue
        record = {}
        for column, index in plan:
            raw = row[index] if index is not None and index < len(row) else None
            if isinstance(raw, str):
                raw = raw.strip()
            try:
                if raw is None or raw == "":
                    if column.key in defaults:
                        record[column.key] = defaults[column.key]
                    elif column.required:
                        raise CellError(str(_l("a value is required.")))
                    else:
                        record[column.key] = None
                    continue
                record[column.key] = column.parse(_plain(raw))
            except CellError as exc:
                issues.append(Issue(number, str(column.label), str(exc)))
        records.append((number, record))
    return records


def _check_duplicates(records, key_of) -> None:
    seen, issues = {}, []
    for number, record in records:
        key = key_of(record)
        if key in seen:
            issues.append(Issue(number, "—", str(_l("duplicate of row %(row)s.") % {
                "row": seen[key]})))
        else:
            seen[key] = number
    if issues:
        raise ImportRejected(issues)


def _chosen(session: ExamSession, number: int, record: dict, issues: list) -> list[int]:
    comps = session.product.components
    if not session.product.modular:
        return [c.id for c in comps]
    chosen = [c.id for c in comps if record.get(f"component:{c.code}")]
    if not chosen:
        issues.append(Issue(number, "—", str(_l("choose at least one test component (O)."))))
    return chosen


def _audit(db: Session, session: ExamSession, what: str, count: int, filename: str) -> None:
    """One entry on the session's history per import (rows are bulk-inserted, not flushed)."""
    actor = current_actor()
    detail = f"{count} {what} ({filename})"[:500]
    db.execute(insert(AuditLog.__table__), [{
        "at": utcnow(), "action": "update", "table_name": "exam_session",
        "record_id": session.id, "changes": {"import": [None, detail]}, "detail": detail,
        "user_id": actor.user_id if actor else None,
        "username": actor.username if actor else None, "ip": actor.ip if actor else None}])


@use_case(writes="session")
def import_candidates(db: Session, viewer: Viewer, session: ExamSession, data: bytes,
                      now: datetime, filename: str = "") -> ImportResult:
    """All or nothing, into a session the viewer may change. Raises NotAllowed, DomainError
    (closed, deadline, full) or ImportRejected."""
    reg_svc.check_can_register(db, session, now, adding=0)
    records = parse_sheet(data, columns_for(session, "candidates"))
    keyed = [(n, r, dedup_key(r["last_name"], r["first_name"], r["birth_date"]))
             for n, r in records]
    _check_duplicates([(n, {"k": k}) for n, _, k in keyed], lambda r: r["k"])
    issues: list[Issue] = []
    chosen = {n: _chosen(session, n, r, issues) for n, r, _ in keyed}
    if issues:
        raise ImportRejected(issues)
    existing = dict(db.execute(select(Candidate.dedup_key, Candidate.id).where(
        Candidate.centre_id == session.centre_id)).all())
    registered = set(db.scalars(select(Registration.candidate_id).where(
        Registration.session_id == session.id)))
    result = ImportResult()
    new_rows = [_candidate_row(session, r, k, now) for _, r, k in keyed if k not in existing]
    if new_rows:
        table = Candidate.__table__  # Core insert: no per-row ORM bookkeeping
        ids = db.execute(insert(table).returning(table.c.id, table.c.dedup_key,
                                                 sort_by_parameter_order=True), new_rows).all()
        existing.update({k: pk for pk, k in ids})
    result.reused = len(keyed) - len(new_rows)
    todo = [(n, existing[k]) for n, _, k in keyed if existing[k] not in registered]
    result.already = len(keyed) - len(todo)
    if todo:
        reg_svc.check_can_register(db, session, now, adding=len(todo))
        _insert_registrations(db, session, todo, chosen, now, filename)
        refresh_dashboards(session, session=db)
    result.created = len(todo)
    return result


def _candidate_row(session, record, key, now) -> dict:
    return {"centre_id": session.centre_id, "last_name": record["last_name"],
            "first_name": record["first_name"], "birth_date": record["birth_date"],
            "gender": record["gender"], "mother_tongue": record["mother_tongue"],
            "email": record["email"], "nationality": record["nationality"],
            "motivation": record["motivation"], "id_number": record["id_number"],
            "dedup_key": key, "french_mother_tongue": record["mother_tongue"] == "fr",
            "employed": False, "version": 1, "created_at": now, "updated_at": now}


def _insert_registrations(db, session, todo, chosen, now, filename) -> None:
    numbers = reg_svc.next_registration_numbers(db, len(todo))
    codes = reg_svc.unique_access_codes(db, len(todo))
    rows = [{"centre_id": session.centre_id, "session_id": session.id, "candidate_id": cid,
             "number": numbers[i], "registered_at": now,
             "status": RegistrationStatus.REGISTERED.name, "access_code": codes[i], "version": 1,
             "created_at": now, "updated_at": now} for i, (_, cid) in enumerate(todo)]
    table = Registration.__table__
    ids = list(db.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                          rows).scalars())
    db.execute(insert(RegistrationComponent.__table__), [
        {"registration_id": rid, "component_id": comp, "absent": False, "version": 1}
        for rid, (number, _) in zip(ids, todo, strict=True) for comp in chosen[number]])
    _audit(db, session, "registrations imported", len(ids), filename)


@use_case(writes="session")
def import_examiners(db: Session, viewer: Viewer, session: ExamSession, data: bytes,
                     now: datetime, filename: str = "") -> ImportResult:
    """Examiners with "needs training"; all or nothing. Raises NotAllowed, DomainError,
    ImportRejected."""
    reg_svc.check_can_register(db, session, now, adding=0)
    records = parse_sheet(data, examiner_columns())
    _check_duplicates(records, lambda r: r["email"])
    known = set(db.scalars(select(SessionExaminer.email).where(
        SessionExaminer.session_id == session.id)))
    rows = [{"centre_id": session.centre_id, "session_id": session.id,
             "last_name": r["last_name"], "first_name": r["first_name"], "email": r["email"],
             "needs_training": bool(r["needs_training"]), "version": 1, "created_at": now,
             "updated_at": now} for _, r in records if r["email"] not in known]
    if rows:
        db.execute(insert(SessionExaminer.__table__), rows)
        _audit(db, session, "examiners imported", len(rows), filename)
    return ImportResult(created=len(rows), already=len(records) - len(rows))
