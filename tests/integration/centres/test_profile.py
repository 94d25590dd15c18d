"""The account area: the user edits their own names, phone and language through the profile
service; the contact form's subject reads "Objet de la demande"."""
from __future__ import annotations

from sqlalchemy import select

from app.models.centres import ExamUser


def test_the_user_edits_names_phone_and_language(login_as, db_session):
    client = login_as("paris.manager")
    page = client.get("/my-account/profile").text
    assert 'name="phone"' in page and "Rôle" not in page
    response = client.post("/my-account/profile", data={
        "csrf_token": client.csrf, "first_name": "Claire-Hélène", "last_name": "Martin d'Arc",
        "phone": "+33 1 23 45 67 89", "language": "en"})
    assert response.status_code == 302
    user = db_session.scalar(select(ExamUser).where(ExamUser.username == "paris.manager"))
    db_session.refresh(user)
    assert (user.first_name, user.last_name, user.phone, user.language) == (
        "Claire-Hélène", "Martin d'Arc", "+33 1 23 45 67 89", "en")
    assert "My account" in client.get("/my-account/").text  # the interface follows


def test_a_wrong_phone_is_refused_next_to_the_field_and_nothing_saved(login_as, db_session):
    client = login_as("paris.manager")
    response = client.post("/my-account/profile", data={
        "csrf_token": client.csrf, "first_name": "", "last_name": "Martin",
        "phone": "appelez-moi", "language": "fr"})
    assert response.status_code == 422
    assert "appelez-moi" in response.text and "n&#39;est pas un numéro" in response.text
    assert "Prénom est obligatoire" in response.text or "Prénom" in response.text
    user = db_session.scalar(select(ExamUser).where(ExamUser.username == "paris.manager"))
    assert user.phone is None and user.first_name == "Claire"


def test_the_contact_form_subject_is_the_object_of_the_request(login_as):
    page = login_as("paris.manager").get("/my-account/").text
    assert '<label for="contact-title">Objet de la demande</label>' in page
    assert "Matière enseignée" not in page
