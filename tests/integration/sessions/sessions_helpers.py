"""Shared helpers of the sessions integration tests: demo rows looked up by natural key."""
from sqlalchemy import select

from app.models.candidates import Candidate, Registration
from app.models.sessions import ExamSession


def session_by_number(db, number) -> ExamSession:
    return db.scalar(select(ExamSession).where(ExamSession.number == number))


def registrations_of(db, number) -> list[Registration]:
    s = session_by_number(db, number)
    return list(db.scalars(select(Registration).where(Registration.session_id == s.id)
                           .order_by(Registration.id)))


def candidate_named(db, centre_id, last_name) -> Candidate:
    return db.scalar(select(Candidate).where(Candidate.centre_id == centre_id,
                                             Candidate.last_name == last_name))


def forget_request_globals() -> None:
    """Requests share the fixture's app context, hence `g` (the CSRF token, the viewer):
    clear it before another client of the same test makes requests."""
    from flask import g

    for key in list(vars(g)):
        g.pop(key, None)
