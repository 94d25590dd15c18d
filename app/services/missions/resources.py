"""Exam mission writes: resources (staff, unavailabilities, competences, missions,
convocations, allowances, signatures…) and the use-cases of their pages, one transaction each."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.missions.allowances import Allowance, AllowanceRate, AllowanceStatus
from app.models.missions.missions import (
    Commission,
    Convocation,
    ConvocationSignature,
    Mission,
    Quality,
)
from app.models.missions.staff import Competence, StaffMember, Unavailability
from app.security.scope import Viewer
from app.services.errors import DomainError, NotAllowed, ValidationFailed
from app.services.missions import (
    allowances,
    competences,
    convocation_mail,
    convocations,
    service_done,
    staff,
)
from app.services.resources import Resource
from app.services.writes import require_writable, use_case


class UnavailabilityResource(Resource):
    def before_create(self, db: Session, viewer: Viewer, item: Unavailability, now: datetime):
        staff.declare_unavailability(db, item, viewer, now)

    def before_delete(self, db: Session, viewer: Viewer, item: Unavailability, now: datetime):
        staff.check_may_delete_unavailability(item, viewer)


class CompetenceResource(Resource):
    """A new competence, with the viewer as its first author (C)."""

    def before_create(self, db: Session, viewer: Viewer, item: Competence, now: datetime):
        # The screen's exam and speciality (chain_exam, chain_speciality) narrow the choice.
        competences.check_option_in_chain(item.component, getattr(item, "chain_exam", None),
                                          getattr(item, "chain_speciality", None))
        code, kind = competences.resolve_author(db, viewer, item.staff_member, item.component)
        with db.no_autoflush:
            existing = db.scalar(select(Competence.id).where(
                Competence.staff_member_id == item.staff_member.id,
                Competence.component_id == item.component.id))
        if existing:
            raise DomainError(_l("This competence is already listed: use the + button."))
        item.authors = competences.compute_authors([], code, kind, True)


def slots_text(convocation: Convocation) -> str:
    return "\n".join(f"{s.day:%d/%m/%Y} {s.starts_at:%H:%M}-{s.ends_at:%H:%M}"
                     for s in convocation.slots)


def convocation_data(item: Convocation, dates_text: str | None,
                     save_on_mission: bool = False) -> convocations.ConvocationData:
    """The convocation as edited: its columns and the dates typed (its own when none)."""
    text = dates_text if dates_text is not None else slots_text(item)
    return convocations.ConvocationData(
        slots=convocations.parse_slots(text), quality=item.quality,
        commission=item.commission, jury=item.jury, room=item.room,
        observation=item.observation, save_on_mission=save_on_mission)


class ConvocationResource(Resource):
    """A convocation's dates arrive as the text of the form's `dates` field."""

    def before_update(self, db: Session, viewer: Viewer, item: Convocation, now: datetime):
        convocations.update(db, item, convocation_data(item, getattr(item, "dates", None)),
                            viewer)

    def before_delete(self, db: Session, viewer: Viewer, item: Convocation, now: datetime):
        convocations.check_centre_may_manage(item, viewer)
        convocations.check_deletable(item)


class AllowanceResource(Resource):
    def before_update(self, db: Session, viewer: Viewer, item: Allowance, now: datetime):
        allowances.set_days(db, item, item.first_test_date, {
            "up_to_600": item.days_up_to_600, "over_600": item.days_over_600,
            "extra": item.days_extra})

    def before_delete(self, db: Session, viewer: Viewer, item: Allowance, now: datetime):
        if item.status == AllowanceStatus.TRANSMITTED and not viewer.is_body:
            raise NotAllowed(_l("This allowance was transmitted: only the exam managers may "
                                "change it now."))


STAFF = Resource(StaffMember)
UNAVAILABILITIES = UnavailabilityResource(Unavailability)
COMPETENCES = CompetenceResource(Competence)
MISSIONS = Resource(Mission)
COMMISSIONS = Resource(Commission)
QUALITIES = Resource(Quality)
CONVOCATIONS = ConvocationResource(Convocation)
ALLOWANCES = AllowanceResource(Allowance)
ALLOWANCE_RATES = Resource(AllowanceRate)
class SignatureResource(Resource):
    """One signature per centre and signatory (centre head, establishment head)."""

    def _check_free(self, db: Session, item: ConvocationSignature) -> None:
        taken = db.scalar(select(ConvocationSignature.id).where(
            ConvocationSignature.centre_id == item.centre_id,
            ConvocationSignature.kind == item.kind,
            ConvocationSignature.id != (item.id or 0)))
        if taken:
            raise ValidationFailed(_l("The signature was not saved."), {"kind": _l(
                "already has its signature in your centre: edit that one instead.")})

    def before_create(self, db: Session, viewer: Viewer, item, now: datetime):
        self._check_free(db, item)

    def before_update(self, db: Session, viewer: Viewer, item, now: datetime):
        self._check_free(db, item)


SIGNATURES = SignatureResource(ConvocationSignature)


def mark_competence(db: Session, viewer: Viewer, competence: Competence,
                    competent: bool) -> Competence | None:
    """The viewer declares (C) or withdraws (I) a listed competence (one row of the list)."""
    code, kind = competences.resolve_author(db, viewer, competence.staff_member,
                                            competence.component)
    return competences.declare(db, competence.staff_member, competence.component, code, kind,
                               competent)


@use_case
def validate_competence_entry(db: Session, viewer: Viewer, now: datetime) -> None:
    """"J'ai terminé la saisie": the centre's competence entry is locked. Raises NotAllowed."""
    if not viewer.is_centre_user or viewer.centre_id is None:
        raise NotAllowed(_l("Only a centre validates its competence entry."))
    competences.set_entry_lock(db, viewer.centre_id, True, now)


@use_case
def import_staff_teachings(db: Session, viewer: Viewer, data: bytes, filename: str) -> int:
    """Teachings from the school information system (see import_teachings)."""
    if not viewer.is_body:
        raise NotAllowed(_l("Only the exam managers import the teachings."))
    return staff.import_teachings(db, staff.parse_teachings(data, filename))


@use_case
def convoke_staff(db: Session, viewer: Viewer, mission: Mission, people: list[StaffMember],
                  data: convocations.ConvocationData) -> list[Convocation]:
    """Convoke people for a mission (see convoke). Raises NotAllowed, DomainError."""
    return convocations.convoke(db, mission, people, data, viewer)


@use_case
def mail_convocations(db: Session, viewer: Viewer, items: Iterable[Convocation],
                      now: datetime) -> tuple[list[str], list[str]]:
    """E-mail each convocation: (recipients, refusals with their reason)."""
    sent, refused = [], []
    for convocation in items:
        try:
            sent.append(convocation_mail.send_convocation(db, convocation, viewer, now))
        except DomainError as exc:
            refused.append(str(exc))
    return sent, refused


@use_case
def attest_service(db: Session, viewer: Viewer, convocation: Convocation, data: dict,
                   now: datetime):
    """Constat de service fait of a convocation of the viewer's missions. Raises DomainError."""
    service = service_done.record_service(db, convocation, data, now)
    db.flush()
    require_writable(db, viewer, service)
    return service


@use_case
def attest_mission_services(db: Session, viewer: Viewer, mission: Mission, rows: dict,
                            now: datetime) -> int:
    """The service-done grid of a mission: every entered row attested, or none (one commit).

    Raises ValidationFailed (errors keyed "<convocation id>.<field>"), NotAllowed, NotFound."""
    saved = service_done.record_grid(db, list(mission.convocations), rows, now)
    db.flush()
    for convocation in mission.convocations:
        if convocation.id in rows and convocation.service is not None:
            require_writable(db, viewer, convocation.service)
    return saved


@use_case(writes="allowance")
def share_allowance(db: Session, viewer: Viewer, allowance: Allowance, member: StaffMember,
                    percentage=None, amount=None):
    """Add or change a staff member's share of the allowance. Raises DomainError."""
    return allowances.add_share(db, allowance, member, percentage=percentage, amount=amount)


@use_case(writes="allowance")
def unshare_allowance(db: Session, viewer: Viewer, allowance: Allowance, share_id) -> None:
    share = next((s for s in allowance.shares if str(s.id) == str(share_id)), None)
    if share is not None:
        allowances.remove_share(allowance, share)
