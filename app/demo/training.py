"""Demo examiner training: two slots, an examiner in need booked in Paris and in Lyon."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.base import utcnow
from app.models.requests import TrainingBooking, TrainingSlot, TrainingSlotRequest
from app.models.sessions import ExamSession, SessionExaminer
from app.services.requests import training

SLOTS = [("Formation examinateurs TEF – visioconférence", 10, None,
          "https://visio.examdesk.local/formation-tef", 12),
         ("Formation examinateurs TEF – Paris", 20, "8 avenue de la République, 75011 Paris",
          None, 8)]
# (session number, last name, first name, e-mail, booked?)
EXAMINERS = [("7000101", "LEROY", "Camille", "camille.leroy@paris.examdesk.local", True),
             ("7000101", "GARNIER", "Théo", "theo.garnier@paris.examdesk.local", False),
             ("7000201", "FAURE", "Jade", "jade.faure@lyon.examdesk.local", True),
             ("7000201", "MOREL", "Lucas", "lucas.morel@lyon.examdesk.local", False)]
REQUESTS = [("7000101", "Nos deux examinateurs sont indisponibles aux dates proposées."),
            ("7000201", "Un créneau le samedi matin serait nécessaire.")]


def _slots(db: Session) -> list[TrainingSlot]:
    rows = []
    for title, days, place, link, capacity in SLOTS:
        row = db.scalar(select(TrainingSlot).where(TrainingSlot.title == title))
        if row is None:
            start = datetime.combine(date.today() + timedelta(days=days), datetime.min.time())
            row = TrainingSlot(title=title, starts_at=start.replace(hour=8), place=place,
                               video_link=link, capacity=capacity, duration_minutes=180)
            db.add(row)
            db.flush()
        rows.append(row)
    return rows


def load(db: Session) -> None:
    slot = _slots(db)[0]
    sessions = {s.number: s for s in db.scalars(select(ExamSession).where(
        ExamSession.number.in_([e[0] for e in EXAMINERS])))}
    for number, last, first, email, booked in EXAMINERS:
        session = sessions.get(number)
        if session is None:
            continue
        examiner = db.scalar(select(SessionExaminer).where(
            SessionExaminer.session_id == session.id, SessionExaminer.email == email))
        if examiner is None:
            examiner = SessionExaminer(centre_id=session.centre_id, session=session,
                                       last_name=last, first_name=first, email=email,
                                       needs_training=True)
            db.add(examiner)
            db.flush()
        has_booking = db.scalar(select(TrainingBooking.id).where(
            TrainingBooking.examiner_id == examiner.id))
        if booked and not has_booking and examiner.needs_training:
            training.book(db, slot, examiner, utcnow(), None)
    for number, reason in REQUESTS:
        session = sessions.get(number)
        if session and not db.scalar(select(TrainingSlotRequest.id).where(
                TrainingSlotRequest.centre_id == session.centre_id)):
            training.request_slots(db, session.centre_id, reason, None, session.id)
    db.flush()
