"""Demo Certification Le Robert data: types, La Poste centres, orders, stock, groups, assignments."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.demo.rows import get_or_create
from app.models.candidates import Candidate
from app.models.centres import Centre
from app.models.certifications import (
    CandidateGroup,
    CertificationAssignment,
    CertificationOrder,
    CertificationType,
    GroupCategory,
    PartnerExamCentre,
)
from app.models.reference import Product
from app.services.certifications import assignments as cert_assignments
from app.services.certifications import orders as cert_orders
from app.services.certifications.activation_codes import generate_codes

TYPES = [
    dict(reference="PART-CLR-EXAMEN", name="Partenaire / centre agréé",
         unit_price_excl_vat=Decimal("71.00"), centre_supervised=True),
    dict(reference="PART-LAPOSTE-EXAMEN", name="Partenaire / La Poste",
         unit_price_excl_vat=Decimal("100.00"), centre_supervised=False),
]
PARTNERS = [
    dict(name="La Poste Paris Louvre", address="16 rue Étienne Marcel", postcode="75002",
         city="Paris"),
    dict(name="La Poste Lyon Bellecour", address="10 place Antonin Poncet", postcode="69002",
         city="Lyon"),
]
GROUPS = {
    "PAR-0750001": [("Client Dupont Formation", GroupCategory.CLIENT),
                    ("Classe FLE B2", GroupCategory.CLASS),
                    ("Session de mars", GroupCategory.EXAM_SESSION)],
    "LYO-0690001": [("Client Rhône Langues", GroupCategory.CLIENT)],
}


def _order(db: Session, centre: Centre, types: list[CertificationType], now: datetime) -> None:
    number = f"CMD-DEMO-{centre.code}"
    if db.scalar(select(CertificationOrder.id).where(CertificationOrder.number == number)):
        return
    order = cert_orders.place_order(db, centre, [(t, 10) for t in types], now,
                                    sales_email="ventes@examdesk.local",
                                    ordered_by=centre.manager_email)
    order.number = number
    cert_orders.mark_quoted(order, now)
    cert_orders.mark_paid(order, now)
    cert_orders.deliver(db, order, now)


def _groups(db: Session, centre: Centre) -> None:
    candidates = list(db.scalars(select(Candidate).where(Candidate.centre_id == centre.id)
                                 .order_by(Candidate.id)))
    for index, (name, category) in enumerate(GROUPS.get(centre.code, [])):
        group = get_or_create(db, CandidateGroup, {"centre_id": centre.id, "name": name},
                             {"category": category})
        if not group.candidates:
            group.candidates = candidates[index:index + 2]


def _assignments(db: Session, centre: Centre, types: list[CertificationType],
                 partner: PartnerExamCentre) -> None:
    if db.scalar(select(CertificationAssignment.id)
                 .where(CertificationAssignment.centre_id == centre.id)):
        return
    candidates = list(db.scalars(select(Candidate).where(Candidate.centre_id == centre.id)
                                 .order_by(Candidate.id)))
    if len(candidates) < 2:
        return
    today = date.today()
    supervised = cert_assignments.assign_supervised(db, centre.id, types[0],
                                                    today + timedelta(days=14),
                                                    candidates[:1], today)
    generate_codes(db, supervised)
    cert_assignments.plan_partner(db, centre.id, types[1], partner, today + timedelta(days=21),
                                  "09:30", candidates[1:2], today, datetime.now())


def load(db: Session) -> None:
    product = db.scalar(select(Product).where(Product.code == "CLR"))
    if product is None:
        return
    types = [get_or_create(db, CertificationType, {"reference": t["reference"]},
                          {**{k: v for k, v in t.items() if k != "reference"},
                           "product_id": product.id, "vat_rate": Decimal("20.00")})
             for t in TYPES]
    partners = {p["city"]: get_or_create(db, PartnerExamCentre, {"name": p["name"]},
                                        {k: v for k, v in p.items() if k != "name"})
                for p in PARTNERS}
    now = datetime.now()
    for centre in db.scalars(select(Centre).order_by(Centre.id)):
        if centre.code not in GROUPS:
            continue
        _order(db, centre, types, now)
        _groups(db, centre)
        _assignments(db, centre, types, partners.get(centre.city, partners["Paris"]))
    db.flush()
