"""Demo requests for Paris and Lyon: extra time, exemption, postponement, fraud, orders, policies."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.base import utcnow
from app.models.candidates import Registration
from app.models.centres import Centre
from app.models.reference import Product
from app.models.requests import ExamRequest, PostponementPolicy, RequestKind
from app.models.sessions import ExamSession
from app.models.sessions import SessionStatus as S
from app.services.requests import postponements, purchase_orders
from app.services.requests import workflow as requests
from app.services.sessions.workflow import prepare_new_session

K = RequestKind
POLICIES = [("TEFCAN", 1, 7, True), ("TEFIRN", 1, 2, False)]
# A later Paris TEF Canada session, to re-register postponed candidates into.
LATER = ("7000106", "PAR-0750001", "TEFCAN", 75)
# (registration number, kind, reason, extra %, component, decision: None/True/False/"take")
REQUESTS = [
    ("R700010101", K.ACCOMMODATION, "Certificat médical : tiers-temps.", 33, None, True),
    ("R700010104", K.POSTPONEMENT, "Hospitalisation le jour de la session.", None, None, True),
    ("R700010103", K.EXEMPTION, "Dispense d'expression orale (handicap).", None, "EO", None),
    ("R700010201", K.FRAUD, "Téléphone portable utilisé pendant l'épreuve.", None, None, "take"),
    ("R700020101", K.ACCOMMODATION, "Tiers-temps demandé par le candidat.", 33, None, None),
    ("R700020102", K.EXEMPTION, "Dispense de compréhension orale.", None, "CO", False),
    ("R700020201", K.FRAUD, "Substitution d'identité suspectée.", None, None, None),
]


def _policies(db: Session) -> None:
    for code, maximum, days, centre_may in POLICIES:
        product = db.scalar(select(Product).where(Product.code == code))
        if product and not db.scalar(select(PostponementPolicy.id).where(
                PostponementPolicy.product_id == product.id)):
            db.add(PostponementPolicy(product_id=product.id, max_postponements=maximum,
                                      min_days_before=days, centre_may_reregister=centre_may))


def _later_session(db: Session) -> ExamSession | None:
    number, centre_code, product_code, days = LATER
    row = db.scalar(select(ExamSession).where(ExamSession.number == number))
    centre = db.scalar(select(Centre).where(Centre.code == centre_code))
    product = db.scalar(select(Product).where(Product.code == product_code))
    if row is None and centre and product:
        start = date.today() + timedelta(days=days)
        row = ExamSession(number=number, product=product, centre=centre, centre_id=centre.id,
                          start_date=start, end_date=start, capacity=12,
                          status=S.REGISTRATIONS_OPEN)
        prepare_new_session(db, row)
        db.add(row)
        db.flush()
    return row


def _request(db: Session, spec, now) -> None:
    number, kind, reason, percent, code, decision = spec
    registration = db.scalar(select(Registration).where(Registration.number == number))
    if registration is None or db.scalar(select(ExamRequest.id).where(
            ExamRequest.registration_id == registration.id, ExamRequest.kind == kind)):
        return
    component = next((rc.component for rc in registration.components
                      if rc.component.code == code), None)
    item = requests.file_request(db, kind, registration=registration, reason=reason,
                                 actor_id=None, now=now, extra_time_percent=percent,
                                 component=component)
    if decision == "take":
        requests.take_in_charge(db, item, None, now)
    elif decision is not None:
        requests.decide(db, item, decision, None, now,
                        None if decision else "Justificatif manquant.")


def load(db: Session) -> None:
    now = utcnow()
    _policies(db)
    later = _later_session(db)
    for spec in REQUESTS:
        _request(db, spec, now)
    db.flush()
    postponed = db.scalar(select(ExamRequest).where(
        ExamRequest.kind == K.POSTPONEMENT, ExamRequest.new_registration_id.is_(None),
        ExamRequest.status == requests.R.ACCEPTED))
    if postponed is not None and later is not None:
        postponements.reregister(db, postponed, later, now, None, by_body=True)
    for number in ("7000101", "7000201"):
        session = db.scalar(select(ExamSession).where(ExamSession.number == number))
        if session is not None:
            purchase_orders.order_for(db, session)
    db.flush()
