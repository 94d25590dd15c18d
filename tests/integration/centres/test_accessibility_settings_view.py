"""Accessibility settings saved per user through the settings page, applied on every page."""
import pytest

from app.services.centres.accessibility import settings_of


def save(client, **values):
    data = {"contrast": "normal", "font_size": "normal", "line_spacing": "normal",
            "text_align": "left", "csrf_token": client.csrf}
    data.update(values)
    return client.post("/accessibility/", data=data)


def test_the_settings_page_labels_every_choice(login_as):
    page = login_as("paris.staff").get("/accessibility/").text
    assert page.count("<legend") == 4
    assert page.count('<input type="radio"') == page.count('<label for="a11y-')


def test_saved_settings_are_applied_to_the_body_of_every_page(login_as, db_session):
    client = login_as("paris.staff")
    assert save(client, contrast="high", font_size="larger").status_code == 302
    page = client.get("/centreview/list/").text
    assert 'class="a11y-contrast-high a11y-font-size-larger"' in page


def test_a_user_without_settings_has_a_plain_body(login_as):
    assert '<body class="">' in login_as("paris.manager").get("/").text


def test_a_value_outside_the_choices_is_refused_with_a_message(login_as, db_session):
    client = login_as("paris.staff")
    response = save(client, contrast="neon")
    assert response.status_code == 200
    assert "Contraste n&#39;est pas une valeur autorisée" in response.text \
        or "Contraste n'est pas une valeur autorisée" in response.text
    from sqlalchemy import select

    from app.models.centres import ExamUser

    user = db_session.scalar(select(ExamUser).where(ExamUser.username == "paris.staff"))
    assert settings_of(db_session, user.id)["contrast"] == "normal"


@pytest.mark.parametrize("path", ["/accessibility/"])
def test_the_settings_page_needs_a_login(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
