"""The language a user chooses is stored on their account: their next log-in opens in it, and
their e-mails are written in it."""
from sqlalchemy import select

from app.models.centres import ExamUser
from app.models.mail import OutboxEmail
from tests.conftest import csrf_token, do_login


def test_the_chosen_language_comes_back_at_the_next_login(app, db_session, login_as):
    client = login_as("paris.staff")
    client.get("/language/en?next=/")
    user = db_session.scalar(select(ExamUser).where(ExamUser.username == "paris.staff"))
    db_session.refresh(user)
    assert user.language == "en"
    fresh = app.test_client()
    do_login(fresh, "paris.staff")
    page = fresh.get("/").text
    assert '<html lang="en">' in page


def test_an_unknown_language_is_refused_and_nothing_stored(db_session, login_as):
    client = login_as("paris.staff")
    assert client.get("/language/de?next=/").status_code == 404
    user = db_session.scalar(select(ExamUser).where(ExamUser.username == "paris.staff"))
    assert user.language != "de"


def test_a_password_link_is_written_in_the_user_language(app, db_session, login_as):
    client = login_as("paris.staff")
    client.get("/language/en?next=/")
    anonymous = app.test_client()  # a French visitor asks for a reset of an English account
    anonymous.post("/password/forgot", data={
        "login": "paris.staff", "csrf_token": csrf_token(anonymous, "/password/forgot")})
    mail = db_session.scalars(select(OutboxEmail).order_by(OutboxEmail.id.desc())).first()
    assert mail.language == "en" and "Reset your ExamDesk password" in mail.subject
