"""Demo sessions in several statuses with candidates and registrations, for Paris and Lyon."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.candidates import (
    Candidate,
    ContactRequest,
    Gender,
    PreRegistration,
    Registration,
    RegistrationComponent,
    RegistrationStatus,
)
from app.models.centres import Centre, ExamUser
from app.models.reference import Product
from app.models.sessions import ExamSession, SessionExaminer
from app.models.sessions import SessionStatus as S
from app.services.candidates.candidates import dedup_key
from app.services.candidates.registrations import unique_access_codes
from app.services.sessions.workflow import prepare_new_session

# (number, centre code or None for the body, product, days from today, status)
SESSIONS = [
    ("7000101", "PAR-0750001", "TEFCAN", 30, S.REGISTRATIONS_OPEN),
    ("7000102", "PAR-0750001", "TEFIRN", 1, S.REGISTRATIONS_CLOSED),
    ("7000103", "PAR-0750001", "DFPAFB1", 60, S.PLANNED),
    ("7000104", "PAR-0750001", "TEFCAN", -40, S.RESULTS_PUBLISHED),
    ("7000105", "PAR-0750001", "TEFIRN", 90, S.DRAFT),
    ("7000201", "LYO-0690001", "TEFCAN", 20, S.REGISTRATIONS_OPEN),
    ("7000202", "LYO-0690001", "TEFIRN", 2, S.REGISTRATIONS_CLOSED),
    ("7000301", None, "CIMA", 45, S.PLANNED),
]
PEOPLE = [
    ("DUPONT", "Marcel", date(1965, 1, 1), Gender.H, "ar", "DZ"),
    ("DURAND", "Amina", date(1990, 5, 12), Gender.F, "ar", "MA"),
    ("NGUYEN", "Linh", date(1988, 11, 3), Gender.F, "vi", "VN"),
    ("SILVA", "João", date(1995, 2, 27), Gender.H, "pt", "BR"),
    ("KOWALSKI", "Alex", date(2000, 7, 8), Gender.N, "pl", "PL"),
]
CIVILITY = {Gender.F: "madame", Gender.H: "monsieur"}  # codes of the candidate's list
EXAMINERS = [("7000101", "paris.evaluator"), ("7000201", "lyon.evaluator")]


def _session(db: Session, number, centre, product, days, status) -> ExamSession:
    row = db.scalar(select(ExamSession).where(ExamSession.number == number))
    if row is None:
        start = date.today() + timedelta(days=days)
        row = ExamSession(number=number, product=product, centre=centre,
                          centre_id=centre.id if centre else None, start_date=start,
                          end_date=start, capacity=12, status=status,
                          online_visible=status == S.REGISTRATIONS_OPEN)
        prepare_new_session(db, row)
        db.add(row)
        db.flush()
    return row


def _candidate(db: Session, centre: Centre, person) -> Candidate:
    last, first, born, gender, tongue, nationality = person
    key = dedup_key(last, first, born)
    row = db.scalar(select(Candidate).where(Candidate.centre_id == centre.id,
                                            Candidate.dedup_key == key))
    if row is None:
        row = Candidate(centre_id=centre.id, last_name=last, first_name=first, birth_date=born,
                        gender=gender, mother_tongue=tongue, nationality=nationality,
                        birth_country=nationality, civility=CIVILITY.get(gender),
                        email=f"{first.lower()}.{last.lower()}@{centre.city.lower()}.example",
                        motivation="C", dedup_key=key)
        db.add(row)
        db.flush()
    return row


def _register(db: Session, session: ExamSession, candidate: Candidate, index: int) -> None:
    exists = db.scalar(select(Registration.id).where(Registration.session_id == session.id,
                                                     Registration.candidate_id == candidate.id))
    if exists:
        return
    status = RegistrationStatus.COMPLETED if session.status == S.RESULTS_PUBLISHED \
        else RegistrationStatus.REGISTERED
    number = f"R{session.number}{index:02d}"
    db.add(Registration(centre_id=session.centre_id, session=session, candidate=candidate,
                        number=number, status=status,
                        access_code=unique_access_codes(db, 1)[0],
                        components=[RegistrationComponent(component=c)
                                    for c in session.product.components]))
    db.flush()


def load(db: Session) -> None:
    centres = {c.code: c for c in db.scalars(select(Centre))}
    products = {p.code: p for p in db.scalars(select(Product))}
    sessions = {}
    for number, centre_code, product_code, days, status in SESSIONS:
        centre = centres.get(centre_code) if centre_code else None
        sessions[number] = _session(db, number, centre, products[product_code], days, status)
    for session in sessions.values():
        if session.centre is None:
            continue
        for index, person in enumerate(PEOPLE[:4], start=1):
            _register(db, session, _candidate(db, session.centre, person), index)
    for number, username in EXAMINERS:
        user = db.scalar(select(ExamUser).where(ExamUser.username == username))
        session = sessions[number]
        if user is None or db.scalar(select(SessionExaminer.id).where(
                SessionExaminer.session_id == session.id, SessionExaminer.email == user.email)):
            continue
        db.add(SessionExaminer(centre_id=session.centre_id, session=session, user_id=user.id,
                               last_name=user.last_name, first_name=user.first_name,
                               email=user.email, needs_training=False))
    db.flush()


def load_public(db: Session) -> None:
    """A pre-registration and a contact request for each centre's first open session."""
    for number in ("7000101", "7000201"):
        session = db.scalar(select(ExamSession).where(ExamSession.number == number))
        if session is None or db.scalar(select(PreRegistration.id).where(
                PreRegistration.session_id == session.id)):
            continue
        city = session.centre.city
        db.add(PreRegistration(centre_id=session.centre_id, session_id=session.id,
                               last_name="BOUIRI", first_name="Asmaa",
                               birth_date=date(1993, 4, 2), gender=Gender.F,
                               email=f"asmaa.bouiri@{city.lower()}.example"))
        db.add(ContactRequest(centre_id=session.centre_id, name="Karim Haddad",
                              email=f"karim.haddad@{city.lower()}.example",
                              message="Bonjour, quelles sont les prochaines dates du TEF ?"))
    db.flush()
