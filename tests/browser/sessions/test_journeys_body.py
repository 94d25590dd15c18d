"""Body-side journeys of issue 14 (seeds 000 and 001), each as the role the seed names, in French,
with one mistake that the page refuses in French while keeping what was typed: the public
pre-registration and the centre's transfer, ..."""
from sqlalchemy import select

from app.extensions import db
from app.models.candidates import PreRegistration, PreRegistrationStatus, Registration
from app.models.candidates import RegistrationStatus as R
from tests.browser.conftest import screenshot
from tests.browser.sessions.journey_rows import paris_session, read, watch


def test_a_person_pre_registers_online_and_the_centre_transfers_them(new_page, page_as,
                                                                     live_server):
    pk, number, _ = paris_session(live_server, 30, "Pré-inscription", people=0, online=True)
    person = new_page("fr-FR")
    errors = watch(person)
    person.goto("/public/")
    person.click(f"#public-session-{pk} summary")
    form = person.locator(f"#public-session-{pk} form")
    form.locator("[name=last_name]").fill("O'Neill")
    form.locator("[name=first_name]").fill("Zoé")
    form.locator("[name=birth_date]").fill("31/02/1990")  # the mistake: no 31 February
    form.locator("[name=gender]").select_option("N")
    form.locator("[name=email]").fill("zoe.oneill@exemple.fr")
    form.locator("[name=phone]").fill("06 12 34 56 78")
    form.locator("button[type=submit]").click()
    person.wait_for_load_state("load")
    assert "31/02/1990 n'est pas une date du calendrier." in read(person)
    assert form.locator("[name=last_name]").input_value() == "O'Neill"
    assert form.locator("[name=birth_date]").input_value() == "31/02/1990"
    assert form.locator("[name=gender]").input_value() == "N"
    assert form.locator("[name=phone]").input_value() == "06 12 34 56 78"
    screenshot(person, "journey-body-prereg-refused-fr")
    form.locator("[name=birth_date]").fill("16/03/1990")
    form.locator("button[type=submit]").click()
    person.wait_for_load_state("load")
    assert "votre pré-inscription a été transmise au centre" in read(person)
    assert errors == []

    staff = page_as("paris.staff")
    errors = watch(staff)
    staff.goto("/preregistrationview/list/")
    row = staff.locator("tr", has_text="O'Neill")
    assert "16/03/1990" in row.inner_text() and number in row.inner_text()
    staff.on("dialog", lambda d: d.accept())
    row.locator("input.action_check").check()
    staff.click("text=Actions")
    staff.click(".transfer_menu_item")
    staff.wait_for_load_state("load")
    assert "1 pré-inscription(s) transférée(s)" in read(staff)
    screenshot(staff, "journey-body-prereg-transferred-fr")
    with live_server.app.app_context():
        pre = db.session.scalar(select(PreRegistration).where(
            PreRegistration.email == "zoe.oneill@exemple.fr"))
        registration = db.session.get(Registration, pre.registration_id)
        assert pre.status == PreRegistrationStatus.TRANSFERRED
        assert (registration.session_id, registration.status) == (pk, R.REGISTERED)
        assert str(registration.candidate.birth_date) == "1990-03-16"
        registration_number = registration.number
        db.session.remove()
    staff.goto("/preregistrationview/list/")
    row = staff.locator("tr", has_text="O'Neill")
    assert "Transféré" in row.inner_text()
    row.locator("a[href*='/show/']").first.click()
    staff.wait_for_load_state("load")
    shown = read(staff)
    assert "Genre\tNon binaire" in shown and f"{number} - TEF Canada" in shown
    assert f"Inscription\t{registration_number} - O'Neill Zoé" in shown
    assert "Statut: À transférer → Transféré" in shown  # the record's history
    screenshot(staff, "journey-body-prereg-registration-fr")
    assert errors == []
