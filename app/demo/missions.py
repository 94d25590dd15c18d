"""Demo rows of exam missions: staff, missions with convocations, service done, allowances."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.demo.rows import get_or_create
from app.models.centres import Centre, ExamUser
from app.models.missions.allowances import Allowance, AllowancePeriod, AllowanceRate, AllowanceShare
from app.models.missions.missions import (
    Commission,
    Convocation,
    ConvocationOrigin,
    ConvocationSignature,
    ConvocationSlot,
    Mission,
    MissionType,
    Quality,
    Remuneration,
    ServiceDone,
    SignatureKind,
)
from app.models.missions.staff import (
    Competence,
    CompetenceEntryLock,
    StaffMember,
    Teaching,
    TeachingCorrespondence,
    Unavailability,
)
from app.models.reference import Product, ProductRange, Speciality, TestComponent
from app.services.formatting import to_utc

QUALITIES = [("CORR", "Correcteur", True), ("CORRSUP", "Correcteur suppléant", True),
             ("REF", "Référent correcteur", True), ("EXAM", "Examinateur", False),
             ("SURV", "Surveillant", False)]
RATES = [("up_to_600", "De 1 à 600 candidats", Decimal("178.00")),
         ("over_600", "Plus de 600 candidats", Decimal("200.00")),
         ("extra", "Journée supplémentaire", Decimal("89.00"))]
STAFF = {
    "PAR-0750001": [("P750001", "Moreau", "Inès", "LETTRES MODERNES", "paris.evaluator"),
                    ("P750002", "Dupont", "Alexandre", "HISTOIRE GEOGRAPHIE", None),
                    ("P750003", "Couleau", "Roberta", "ESPAGNOL", None),
                    ("P750004", "Garnier", "Julien", "LETTRES MODERNES", None)],
    "LYO-0690001": [("L690001", "Fournier", "Nadia", "LETTRES MODERNES", "lyon.evaluator"),
                    ("L690002", "Blanc", "Thomas", "ANGLAIS", None),
                    ("L690003", "Perrin", "Lucie", "LETTRES MODERNES", None)],
}
# IMAG'IN's reference data (seed 003): exam → speciality → épreuve-option.
EXAMS = [
    ("BCG", "Baccalauréat général", [
        ("BCG", "BACCALAUREAT GENERAL", [("1-T002-1", "Français oral"),
                                         ("1-T004-1", "Epr orale terminale (Gd oral)"),
                                         ("1-T020-3", "Epreuves orales de contrôle")]),
        ("S", "SCIENTIFIQUE", [("005A-1", "PHYS. CHIMIE ECRIT NON SPECIAL")])]),
    ("BCP", "Baccalauréat professionnel", [
        ("TOUTES", "TOUTES SPECIALITES BCP", [("1-EC-DROIT", "Economie - droit")]),
        ("30001", "GESTION - ADMINISTRATION", [("1-E2-P", "Gestion adm. relat. av. personnel")])]),
]
# The TEF épreuves the demo missions use, grouped as specialities of their exam.
TEF_SPECIALITIES = [("ECRIT", "Compréhension et expression écrites", ("CE", "EE")),
                    ("ORAL", "Compréhension et expression orales", ("CO", "EO"))]


def _reference(session: Session) -> None:
    for code, name, specialities in EXAMS:
        product = get_or_create(session, Product, {"code": code},
                                {"name": name, "range": ProductRange.OTHER})
        position = 0
        for sp_code, sp_label, options in specialities:
            speciality = get_or_create(session, Speciality,
                                       {"product_id": product.id, "code": sp_code},
                                       {"label": sp_label})
            for option_code, option_label in options:
                position += 1
                get_or_create(session, TestComponent,
                              {"product_id": product.id, "code": option_code},
                              {"label": option_label, "position": position,
                               "speciality_id": speciality.id})
    tefcan = session.scalar(select(Product).where(Product.code == "TEFCAN"))
    for sp_code, sp_label, codes in TEF_SPECIALITIES:
        speciality = get_or_create(session, Speciality,
                                   {"product_id": tefcan.id, "code": sp_code},
                                   {"label": sp_label})
        for code in codes:
            _component(session, "TEFCAN", code).speciality_id = speciality.id
    session.flush()


def _speciality(session: Session, product: str, code: str) -> Speciality:
    return session.scalar(select(Speciality).join(Product).where(
        Product.code == product, Speciality.code == code))


def _component(session: Session, product: str, code: str) -> TestComponent:
    return session.scalar(select(TestComponent).join(Product).where(
        Product.code == product, TestComponent.code == code))


def load(session: Session) -> None:
    _reference(session)
    for code, label, santorin in QUALITIES:
        get_or_create(session, Quality, {"code": code}, {"label": label, "santorin": santorin})
    for bracket, label, amount in RATES:
        get_or_create(session, AllowanceRate, {"bracket": bracket}, {"label": label, "amount": amount})
    ee = _component(session, "TEFCAN", "EE")
    get_or_create(session, TeachingCorrespondence, {"subject": "FRANÇAIS", "component_id": ee.id}, {})
    for centre_code, people in STAFF.items():
        centre = session.scalar(select(Centre).where(Centre.code == centre_code))
        staff = [_staff(session, centre, *person) for person in people]
        _centre_missions(session, centre, staff)
        _signatures(session, centre)
        _allowance(session, centre, staff)
        get_or_create(session, CompetenceEntryLock, {"centre_id": centre.id}, {"locked": False})


def _staff(session, centre, identifier, last, first, discipline, username):
    user = session.scalar(select(ExamUser).where(ExamUser.username == username)) if username \
        else None
    slug = f"{first}.{last}".lower().replace("è", "e").replace("é", "e")
    person = get_or_create(session, StaffMember, {"identifier": identifier}, dict(
        last_name=last, first_name=first, birth_date=date(1980, 3, 14),
        post_discipline=discipline, centre_id=centre.id,
        professional_email=f"{slug}@ac-{centre.city.lower()}.examdesk.local",
        personal_phone="+33 6 00 00 00 00", address=f"1 rue des Écoles, {centre.city}",
        user_id=user.id if user else None))
    subject = "FRANÇAIS" if discipline == "LETTRES MODERNES" else discipline
    get_or_create(session, Teaching, {"staff_member_id": person.id, "subject": subject}, dict(
        establishment=centre.name, training_module="2NDE GENERALE ET TECHNOLOGIQUE",
        module_type="MEF NATIONAL", modality="COURS GENERAL"))
    ee = _component(session, "TEFCAN", "EE")
    if subject == "FRANÇAIS":
        get_or_create(session, Competence, {"staff_member_id": person.id, "component_id": ee.id},
             {"authors": [{"code": "SYS", "kind": "system", "competent": True}]})
    return person


def _centre_missions(session, centre, staff):
    today = date.today()
    prefix = centre.code[:3]
    tefcan = session.scalar(select(Product).where(Product.code == "TEFCAN"))
    written = get_or_create(session, Mission, {"number": f"{prefix}-{today.year}-101"}, dict(
        exam_session=f"TEF, TEFCAN, {today.year}, {centre.city}", product_id=tefcan.id,
        speciality=_speciality(session, "TEFCAN", "ECRIT"), component=_component(session, "TEFCAN", "EE"),
        type=MissionType.MARKING, centre_id=centre.id, starts_on=today - timedelta(days=10),
        ends_on=today - timedelta(days=8), open_to_centre=True, remuneration=Remuneration.WRITTEN,
        rooms="A101, A102", default_observation="Se présenter au secrétariat des examens."))
    oral = get_or_create(session, Mission, {"number": f"{prefix}-{today.year}-102"}, dict(
        exam_session=f"TEF, TEFCAN, {today.year}, {centre.city}", product_id=tefcan.id,
        speciality=_speciality(session, "TEFCAN", "ORAL"), component=_component(session, "TEFCAN", "EO"),
        type=MissionType.ORAL, centre_id=centre.id, starts_on=today + timedelta(days=20),
        ends_on=today + timedelta(days=22), open_to_centre=True, remuneration=Remuneration.ORAL,
        juries="J1, J2"))
    bcg = session.scalar(select(Product).where(Product.code == "BCG"))
    get_or_create(session, Mission, {"number": f"{prefix}-{today.year}-103"}, dict(
        exam_session=f"470, BCG, {today.year}, BGT", product_id=bcg.id,
        speciality=_speciality(session, "BCG", "BCG"),
        component=_component(session, "BCG", "1-T002-1"), type=MissionType.ORAL,
        centre_id=centre.id, starts_on=today + timedelta(days=30),
        ends_on=today + timedelta(days=31), open_to_centre=True, remuneration=Remuneration.ORAL))
    get_or_create(session, Commission, {"mission_id": oral.id, "code": "COM1"}, dict(
        starts_on=oral.starts_on, ends_on=oral.starts_on, candidates=24))
    corr = session.scalar(select(Quality).where(Quality.code == "CORR"))
    for person, origin in zip(staff[:3], (ConvocationOrigin.MANAGER, ConvocationOrigin.CENTRE,
                                          ConvocationOrigin.CENTRE), strict=False):
        _convocation(session, written, person, origin, corr)
    _convocation(session, oral, staff[0], ConvocationOrigin.MANAGER,
                 session.scalar(select(Quality).where(Quality.code == "EXAM")))
    get_or_create(session, Unavailability, {"staff_member_id": staff[-1].id, "reason": "Stage"}, dict(
        # Stored in UTC (app/services/formatting.py): 08:00 and 18:00 in Paris.
        starts_at=to_utc(datetime.combine(today + timedelta(days=20), time(8)), "Europe/Paris"),
        ends_at=to_utc(datetime.combine(today + timedelta(days=21), time(18)), "Europe/Paris"),
        author_centre_id=centre.id))


def _convocation(session, mission, person, origin, quality):
    row = session.scalar(select(Convocation).where(Convocation.mission_id == mission.id,
                                                   Convocation.staff_member_id == person.id))
    if row is not None:
        return row
    row = Convocation(mission=mission, staff_member=person, origin=origin, quality=quality,
                      created_by_centre_id=mission.centre_id
                      if origin == ConvocationOrigin.CENTRE else None,
                      observation=mission.default_observation,
                      slots=[ConvocationSlot(day=mission.starts_on, starts_at=time(8),
                                             ends_at=time(17))])
    person.last_convocation_date = mission.starts_on
    session.add(row)
    session.flush()
    if mission.remuneration == Remuneration.WRITTEN and origin == ConvocationOrigin.MANAGER:
        session.add(ServiceDone(convocation=row, done=True, scripts=45,
                                attested_at=datetime.combine(mission.ends_on, time(18))))
    return row


def _signatures(session, centre):
    for kind, title in ((SignatureKind.CENTRE_HEAD, "Chef de centre d'examen"),
                        (SignatureKind.ESTABLISHMENT_HEAD, "Chef d'établissement")):
        get_or_create(session, ConvocationSignature, {"centre_id": centre.id, "kind": kind}, dict(
            authority=f"Pour le recteur de l'académie de {centre.city}", title=title,
            name=f"{centre.manager_first_name} {centre.manager_last_name}", city=centre.city))


def _allowance(session, centre, staff):
    year = date.today().year
    allowance = get_or_create(session, Allowance, {"centre_id": centre.id,
                                          "exam_session": f"470, BCG, {year}, BGT {year}",
                                          "period": AllowancePeriod.NORMAL}, dict(
        first_test_date=date(year, 6, 15), days_up_to_600=Decimal("6"),
        days_over_600=Decimal("1"), days_extra=Decimal("0"), total=Decimal("1268.00"),
        suggested_date=date(year, 6, 15), suggested_days="6,0 ; 0,0"))
    if not allowance.shares:
        allowance.shares = [
            AllowanceShare(staff_member=staff[2], percentage=Decimal("5.5"),
                           amount=Decimal("69.74")),
            AllowanceShare(staff_member=staff[1], amount=Decimal("250.00"))]
        session.flush()
