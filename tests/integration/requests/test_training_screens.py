"""Training screens: the centre books its examiners in need; tenancy of bookings."""
from sqlalchemy import select

from app.models.requests import TrainingBooking, TrainingSlot, TrainingSlotRequest
from app.models.sessions import SessionExaminer
from tests.integration.requests.requests_clients import user


def test_centre_books_an_examiner_in_need_from_the_slot_page(login_as, db_session):
    slot = db_session.scalar(select(TrainingSlot).order_by(TrainingSlot.id))
    waiting = db_session.scalar(select(SessionExaminer).where(
        SessionExaminer.email == "theo.garnier@paris.examdesk.local"))
    lyon_waiting = db_session.scalar(select(SessionExaminer).where(
        SessionExaminer.email == "lucas.morel@lyon.examdesk.local"))
    manager = user(login_as, "paris.manager")
    page = manager.get(f"/trainingslotview/show/{slot.id}").get_data(as_text=True)
    assert "GARNIER" in page and "MOREL" not in page
    response = manager.post(f"/trainingslotview/book/{slot.id}", data={
        "csrf_token": manager.csrf, "examiner": [lyon_waiting.id]})
    assert db_session.scalar(select(TrainingBooking.id).where(
        TrainingBooking.examiner_id == lyon_waiting.id)) is None
    response = manager.post(f"/trainingslotview/book/{slot.id}", data={
        "csrf_token": manager.csrf, "examiner": [waiting.id]})
    assert response.status_code == 302
    booking = db_session.scalar(select(TrainingBooking).where(
        TrainingBooking.examiner_id == waiting.id))
    assert booking.centre_id == waiting.centre_id
    ics = manager.get(f"/trainingbookingview/ics/{booking.id}")
    assert ics.mimetype == "text/calendar" and b"BEGIN:VEVENT" in ics.data
    assert user(login_as, "lyon.manager").get(
        f"/trainingbookingview/ics/{booking.id}").status_code == 404


def test_asking_for_slots_without_reason_is_refused(login_as, db_session):
    manager = user(login_as, "paris.manager")
    manager.get("/lang/en")
    before = db_session.query(TrainingSlotRequest).count()
    manager.post("/trainingslotrequestview/add", data={"csrf_token": manager.csrf,
                                                       "reason": ""})
    assert db_session.query(TrainingSlotRequest).count() == before
    manager.post("/trainingslotrequestview/add", data={
        "csrf_token": manager.csrf, "reason": "Examinateurs indisponibles"})
    assert db_session.query(TrainingSlotRequest).count() == before + 1
