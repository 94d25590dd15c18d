"""The candidate's photo and signature are taken at the exam by the session's evaluator only."""
from __future__ import annotations

import io

from sqlalchemy import select

from app.models.candidates import Registration
from app.models.centres import ExamUser
from app.models.sessions import SessionExaminer

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def _registration_of(db_session, username):
    user = db_session.scalar(select(ExamUser).where(ExamUser.username == username))
    session_id = db_session.scalar(select(SessionExaminer.session_id).where(
        SessionExaminer.user_id == user.id))
    return db_session.scalar(select(Registration).where(Registration.session_id == session_id))


def _post(client, registration, **files):
    data = {name: (io.BytesIO(content), filename) for name, (filename, content) in files.items()}
    return client.post(f"/registrationview/identity/{registration.id}",
                       data={**data, "csrf_token": client.csrf},
                       content_type="multipart/form-data", follow_redirects=True)


def test_the_assigned_evaluator_records_photo_and_signature(db_session, login_as):
    registration = _registration_of(db_session, "paris.evaluator")
    client = login_as("paris.evaluator")
    _post(client, registration, photo=("photo.png", PNG), signature=("signature.jpg", JPEG))
    db_session.expire_all()
    stored = db_session.get(Registration, registration.id)
    assert stored.photo and stored.signature
    image = client.get(f"/registrationview/identity_file/{registration.id}/photo")
    assert image.status_code == 200 and image.data == PNG


def test_a_centre_manager_may_not_record_them(db_session, login_as):
    registration = _registration_of(db_session, "paris.evaluator")
    _post(login_as("paris.manager"), registration, photo=("photo.png", PNG))
    db_session.expire_all()
    assert db_session.get(Registration, registration.id).photo is None


def test_a_file_that_is_not_an_image_stores_nothing(db_session, login_as):
    registration = _registration_of(db_session, "paris.evaluator")
    page = _post(login_as("paris.evaluator"), registration, photo=("photo.png", PNG),
                 signature=("signature.pdf", b"%PDF-1.4"))
    db_session.expire_all()
    stored = db_session.get(Registration, registration.id)
    assert stored.photo is None and stored.signature is None
    assert "alert-danger" in page.text or "danger" in page.text
    assert "Signature : Ce type de fichier n&#39;est pas accepté" in page.text  # which file


def test_another_centre_never_sees_them(db_session, login_as):
    registration = _registration_of(db_session, "paris.evaluator")
    client = login_as("lyon.manager")
    assert client.get(f"/registrationview/identity/{registration.id}").status_code == 404
    assert client.get(
        f"/registrationview/identity_file/{registration.id}/photo").status_code == 404
