"""Certification Le Robert writes: resources (types, partner exam centres, groups) and the
use-cases of its pages (ordering, group members, assigning and planning), one transaction each."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.models.candidates import Candidate
from app.models.centres import Centre
from app.models.certifications import (
    CandidateGroup,
    CertificationAssignment,
    CertificationOrder,
    CertificationType,
    PartnerExamCentre,
)
from app.security.scope import Viewer, owning_centre_id
from app.services.certifications import assignments, groups, orders
from app.services.errors import NotAllowed, ValidationFailed
from app.services.resources import Resource
from app.services.writes import use_case

TYPE_LABELS = {"unit_price_excl_vat": _l("Unit price (excl. VAT)"),
               "vat_rate": _l("VAT rate (%)")}


def check_type(item: CertificationType) -> None:
    """Raises ValidationFailed unless the price is zero or more and the VAT rate 0 to 100."""
    errors = {}
    if item.unit_price_excl_vat is None or item.unit_price_excl_vat < 0:
        errors["unit_price_excl_vat"] = _l("must be zero or more.")
    if item.vat_rate is None or not 0 <= item.vat_rate <= 100:
        errors["vat_rate"] = _l("must be between 0 and 100.")
    if errors:
        raise ValidationFailed(_l("The certification type is not valid:"), errors, TYPE_LABELS)


class TypeResource(Resource):
    def before_create(self, db: Session, viewer: Viewer, item: CertificationType, now):
        check_type(item)

    def before_update(self, db: Session, viewer: Viewer, item: CertificationType, now):
        check_type(item)


class GroupResource(Resource):
    def before_create(self, db: Session, viewer: Viewer, item: CandidateGroup, now):
        errors = {}
        if not (item.name or "").strip():
            errors["name"] = _l("is required.")
        if item.category is None:
            errors["category"] = _l("is required.")
        if errors:
            raise ValidationFailed(_l("Enter the group name and choose a category."), errors)


TYPES = TypeResource(CertificationType)
PARTNERS = Resource(PartnerExamCentre)
GROUPS = GroupResource(CandidateGroup)


def _own_centre(db: Session, viewer: Viewer, refusal) -> Centre:
    centre_id = owning_centre_id(viewer)
    if centre_id is None:
        raise NotAllowed(refusal)
    return db.get(Centre, centre_id)


@use_case
def order_certifications(db: Session, viewer: Viewer, quantities: list, now: datetime, *,
                         sales_email: str, ordered_by: str | None) -> CertificationOrder:
    """"Commander" for the viewer's centre (see place_order). Raises NotAllowed,
    ValidationFailed, DomainError."""
    centre = _own_centre(db, viewer, _l("Only a centre can order certifications."))
    return orders.place_order(db, centre, quantities, now, sales_email=sales_email,
                              ordered_by=ordered_by)


@use_case(writes="group")
def add_group_members(db: Session, viewer: Viewer, group: CandidateGroup,
                      candidates: Iterable[Candidate]) -> int:
    return groups.add_members(group, candidates)


@use_case(writes="group")
def remove_group_members(db: Session, viewer: Viewer, group: CandidateGroup,
                         candidate_ids: Iterable[int]) -> int:
    return groups.remove_members(group, candidate_ids)


@use_case
def assign_certifications(db: Session, viewer: Viewer, ctype: CertificationType,
                          planned: date | None, candidates: list[Candidate],
                          today: date) -> list[CertificationAssignment]:
    """Certifications the viewer's centre supervises (see assign_supervised)."""
    centre = _own_centre(db, viewer, _l("Only a centre assigns its certifications."))
    return assignments.assign_supervised(db, centre.id, ctype, planned, candidates, today)


@use_case
def plan_certifications(db: Session, viewer: Viewer, ctype: CertificationType,
                        partner: PartnerExamCentre | None, planned: date | None,
                        exam_time: str | None, candidates: list[Candidate],
                        now: datetime) -> list[CertificationAssignment]:
    """Certifications taken in a partner exam centre, each candidate convened (plan_partner)."""
    centre = _own_centre(db, viewer, _l("Only a centre assigns its certifications."))
    return assignments.plan_partner(db, centre.id, ctype, partner, planned, exam_time,
                                    candidates, now.date(), now)
