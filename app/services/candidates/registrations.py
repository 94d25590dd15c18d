"""Registration rules: access codes, capacity, components, withdrawals and absences."""
from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models.candidates import (
    Attestation,
    Candidate,
    Registration,
    RegistrationComponent,
    RegistrationStatus,
)
from app.models.reference import TestComponent
from app.models.sessions import ExamSession, SessionExaminer
from app.models.sessions import SessionStatus as S
from app.security.scope import Viewer
from app.services.candidates import attestations
from app.services.errors import DomainError, NotAllowed
from app.services.live import refresh_dashboards
from app.services.reference.scales import maximum_score
from app.services.requests.effects import check_results_releasable
from app.services.sessions import deadlines
from app.services.sessions.workflow import active_registrations
from app.services.uploads import IMAGE_TYPES, check_document, store_document, upload_folder
from app.services.writes import use_case

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: codes are read aloud and typed from paper.
ACCESS_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
# Registrations, imports, withdrawals: only while "Inscriptions ouvertes" (TEF guide, Partie 4).
REGISTERING = (S.REGISTRATIONS_OPEN,)


def new_access_code() -> str:
    """A random code in the `L3B-RUC-WD1` shape: three groups of three unambiguous characters."""
    return "-".join("".join(secrets.choice(ACCESS_ALPHABET) for _ in range(3)) for _ in range(3))


def unique_access_codes(db: Session, count: int) -> list[str]:
    """`count` codes unused in the database and distinct from each other."""
    codes: set[str] = set()
    while len(codes) < count:
        batch = {new_access_code() for _ in range(count - len(codes))} - codes
        taken = set(db.scalars(select(Registration.access_code)
                               .where(Registration.access_code.in_(batch))))
        codes |= batch - taken
    return list(codes)


def next_registration_numbers(db: Session, count: int) -> list[str]:
    """Registration numbers following the highest one (the unique constraint guards races)."""
    start = (db.scalar(select(func.max(Registration.id))) or 0) + 1
    return [f"R{start + i:07d}" for i in range(count)]


def check_can_register(db: Session, session: ExamSession, now: datetime, adding: int = 1) -> None:
    """Raises DomainError when the session does not take `adding` more registrations now."""
    if session.centre_id is None:
        raise DomainError(_l("Register your centre to this session before registering "
                             "candidates."))
    if session.status not in REGISTERING:
        raise DomainError(_l("Registrations are not open for session %(number)s."),
                          number=session.number)
    if deadlines.is_past(session.registration_deadline, now):
        raise DomainError(_l("The registration deadline of session %(number)s has passed."),
                          number=session.number)
    free = session.capacity - active_registrations(db, session)
    if adding > free:
        raise DomainError(_l("Session %(number)s is full: %(free)s place(s) left for "
                             "%(wanted)s candidate(s)."),
                          number=session.number, free=max(free, 0), wanted=adding)


def resolve_components(session: ExamSession, codes: Iterable[str] | None) -> list[TestComponent]:
    """The components chosen: all of them unless the product is modular and a choice is given."""
    components = list(session.product.components)
    if not session.product.modular or codes is None:
        return components
    wanted = {c.strip().upper() for c in codes if c and c.strip()}
    unknown = wanted - {c.code for c in components}
    if unknown:
        raise DomainError(_l("Unknown test component(s): %(codes)s."),
                          codes=", ".join(sorted(unknown)))
    chosen = [c for c in components if c.code in wanted]
    if not chosen:
        raise DomainError(_l("Choose at least one test component."))
    return chosen


def fill_registration(db: Session, registration: Registration, session: ExamSession,
                      candidate: Candidate, now: datetime,
                      component_codes: Iterable[str] | None = None) -> Registration:
    """Check and complete a new registration of a candidate of the session's centre.

    Raises DomainError: foreign candidate, already registered, closed, past deadline, full.
    """
    with db.no_autoflush:  # the new row may already hang off the candidate (form binding)
        if candidate.centre_id != session.centre_id:
            raise DomainError(_l("The candidate does not belong to the session's centre."))
        exists = db.scalar(select(Registration.id).where(Registration.session_id == session.id,
                                                         Registration.candidate_id == candidate.id))
        if exists:
            raise DomainError(_l("This candidate is already registered to this session."))
        check_can_register(db, session, now)
        components = resolve_components(session, component_codes)
        number, code = next_registration_numbers(db, 1)[0], unique_access_codes(db, 1)[0]
    registration.centre_id = session.centre_id
    registration.session = session
    registration.candidate = candidate
    registration.number = number
    registration.registered_at = now
    registration.status = RegistrationStatus.REGISTERED
    registration.access_code = code
    registration.components = [RegistrationComponent(component=c) for c in components]
    return registration


def register_candidate(db: Session, session: ExamSession, candidate: Candidate, now: datetime,
                       component_codes: Iterable[str] | None = None) -> Registration:
    """Register a candidate of the session's centre. Raises DomainError (see fill_registration)."""
    registration = fill_registration(db, Registration(), session, candidate, now,
                                     component_codes)
    db.add(registration)
    db.flush()
    refresh_dashboards(registration, session=db)
    return registration


def check_deletable(registration: Registration) -> None:
    """A registration is never deleted: it is withdrawn. Raises DomainError."""
    raise DomainError(_l("A registration cannot be deleted: mark the candidate as withdrawn."))


def withdraw(registration: Registration) -> Registration:
    """Mark désisté; only while registrations are open. Raises DomainError."""
    if registration.session.status not in REGISTERING:
        raise DomainError(_l("%(number)s: a withdrawal can only be recorded while "
                             "registrations are open."), number=registration.number)
    if registration.status == RegistrationStatus.WITHDRAWN:
        raise DomainError(_l("%(number)s is already withdrawn."), number=registration.number)
    registration.status = RegistrationStatus.WITHDRAWN
    refresh_dashboards(registration)
    return registration


def mark_absent(registration: Registration, component_codes: Iterable[str] | None = None,
                absent: bool = True) -> Registration:
    """Absent on the given components (all if none given); only once registrations are closed."""
    if registration.session.status != S.REGISTRATIONS_CLOSED:
        raise DomainError(_l("%(number)s: absences can only be declared once registrations "
                             "are closed."), number=registration.number)
    if registration.status == RegistrationStatus.WITHDRAWN:
        raise DomainError(_l("%(number)s is withdrawn: no absence to declare."),
                          number=registration.number)
    wanted = None if component_codes is None else {c.upper() for c in component_codes}
    touched = False
    for rc in registration.components:
        if wanted is None or rc.component.code in wanted:
            rc.absent = absent
            touched = True
    if not touched:
        raise DomainError(_l("%(number)s is not registered to these test components."),
                          number=registration.number)
    return registration


ORAL_CODES = ("EO", "PO")  # expression / production orale: marked by the session's evaluator


def can_mark(component_code: str, is_body: bool, is_assigned_evaluator: bool) -> bool:
    """The role matrix of score entry: oral marks (EO, PO) only by the evaluator assigned to
    the session; the written and listening ones (CE, CO, EE…) only by the body's correction
    service. A centre never enters a score."""
    if component_code in ORAL_CODES:
        return is_assigned_evaluator
    return is_body


def record_scores(registration: Registration, scores: dict[str, str | None], is_body: bool,
                  is_assigned_evaluator: bool) -> list[str]:
    """Set the results the user may enter; returns the codes changed. Raises NotAllowed when
    the user gives a score the role matrix (can_mark) does not let them enter, DomainError."""
    if registration.session.status not in (S.AWAITING_CORRECTION, S.IN_CORRECTION):
        raise DomainError(_l("Results are entered while the session is in correction."))
    refused = [rc.component.code for rc in registration.components
               if (scores.get(rc.component.code) or "").strip()
               and not can_mark(rc.component.code, is_body, is_assigned_evaluator)]
    if refused:
        raise NotAllowed(_l("%(codes)s: scores are entered by the certifying body's correction "
                            "service (CE, CO, EE) and by the session's evaluator (EO), never by "
                            "the centre."), codes=", ".join(refused))
    changed = []
    maximum = maximum_score(registration.session.product.range)
    for rc in registration.components:
        code = rc.component.code
        if code not in scores or not can_mark(code, is_body, is_assigned_evaluator):
            continue
        raw = (scores[code] or "").strip().replace(",", ".")
        try:
            value = Decimal(raw) if raw else None
        except InvalidOperation:
            raise DomainError(_l("%(code)s: \"%(value)s\" is not a number."), code=code,
                              value=raw) from None
        if value is not None and not (0 <= value <= maximum):
            raise DomainError(_l("%(code)s: the result must be between 0 and %(maximum)s."),
                              code=code, maximum=maximum)
        if rc.score != value:
            rc.score = value
            changed.append(code)
    return changed


def check_certificate(registration: Registration) -> None:
    """A certificate exists once the results are published, for a candidate who did not
    withdraw and whose results no accepted fraud blocks. Raises DomainError."""
    if registration.session.status not in (S.RESULTS_PUBLISHED, S.ARCHIVED):
        raise DomainError(_l("The certificate is available once the results are published."))
    if registration.status == RegistrationStatus.WITHDRAWN:
        raise DomainError(_l("%(number)s is withdrawn: no certificate."),
                          number=registration.number)
    check_results_releasable(registration)
    if registration.components and all(rc.absent for rc in registration.components):
        raise DomainError(_l("%(number)s was absent from every test component: no "
                             "certificate."), number=registration.number)


def record_identity(registration: Registration, is_assigned_evaluator: bool, folder: str,
                    photo: tuple[str, bytes] | None, signature: tuple[str, bytes] | None) -> None:
    """The candidate's photo and signature, taken at the exam by the session's evaluator.

    Raises DomainError unless the user is the evaluator assigned to the session, or when a file
    is not a PNG or JPEG image (nothing is stored then)."""
    if not is_assigned_evaluator:
        raise DomainError(_l("Only the evaluator assigned to the session records the "
                             "candidate's photo and signature."))
    files = {attr: upload for attr, upload in (("photo", photo), ("signature", signature))
             if upload}
    for name, data in files.values():  # check both before storing either
        check_document(name, data[:8], len(data), IMAGE_TYPES)
    for attr, (name, data) in files.items():
        setattr(registration, attr, store_document(folder, name, data, IMAGE_TYPES))


# -- the use-cases of the registration page ----------------------------------------------------
def is_assigned_evaluator(db: Session, viewer: Viewer, registration: Registration) -> bool:
    """Whether the viewer is an evaluator registered to the registration's session."""
    return viewer.is_evaluator and db.scalar(select(SessionExaminer.id).where(
        SessionExaminer.session_id == registration.session_id,
        SessionExaminer.user_id == viewer.user_id)) is not None


@use_case(writes="registration")
def record_absences(db: Session, viewer: Viewer, registration: Registration,
                    absent_codes: Iterable[str]) -> Registration:
    """Absent on exactly the components in `absent_codes`. Raises DomainError (see
    mark_absent)."""
    absent = {c.upper() for c in absent_codes}
    for rc in registration.components:
        mark_absent(registration, [rc.component.code], rc.component.code in absent)
    return registration


@use_case(writes="registration")
def enter_results(db: Session, viewer: Viewer, registration: Registration,
                  scores: dict[str, str | None]) -> list[str]:
    """The results the viewer may enter (see record_scores). Raises NotAllowed, DomainError."""
    return record_scores(registration, scores, viewer.is_body,
                         is_assigned_evaluator(db, viewer, registration))


@use_case(writes="registration")
def record_photo_and_signature(db: Session, viewer: Viewer, registration: Registration,
                               photo: tuple[str, bytes] | None,
                               signature: tuple[str, bytes] | None) -> None:
    """See record_identity; only the session's evaluator. Raises DomainError."""
    record_identity(registration, is_assigned_evaluator(db, viewer, registration),
                    upload_folder(), photo, signature)


@use_case(writes="registration")
def certificate_attestation(db: Session, viewer: Viewer, registration: Registration,
                            now: datetime) -> Attestation:
    """The attestation printed on the certificate (issued now for results published before
    attestations existed). Raises DomainError (see check_certificate), or when revoked."""
    check_certificate(registration)
    row = attestations.issue(db, registration, now)
    if row.revoked_at is not None:
        raise DomainError(_l("%(number)s: this attestation has been revoked."),
                          number=registration.number)
    return row
