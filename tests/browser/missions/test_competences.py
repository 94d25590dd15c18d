"""Journey: the centre head declares (+) and withdraws (×) a competence on its row, stays on the
list, sees the withdrawn author struck through, validates the entry, and the buttons are gone."""
from sqlalchemy import select

from app.extensions import db
from app.models.centres import Centre
from app.models.missions.staff import Competence, CompetenceEntryLock, StaffMember
from tests.browser.conftest import screenshot


def test_plus_and_cross_on_the_row_then_the_lock(page_as, live_server):
    with live_server.app.app_context():
        paris = db.session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
        competence = next(c for c in db.session.scalars(select(Competence).join(
            StaffMember).where(StaffMember.centre_id == paris.id))
            if [a["code"] for a in c.authors] == ["SYS"])
        pk = competence.id
    page = page_as("paris.manager")
    page.goto("/competenceview/list/?psize_CompetenceView=100")
    page.locator(f"form[action='/competenceview/mark/{pk}/c'] button").click()
    page.wait_for_load_state("load")
    assert "/competenceview/list/" in page.url
    assert "Compétence déclarée (C)" in page.locator("body").inner_text()
    page.locator(f"form[action='/competenceview/mark/{pk}/i'] button").click()
    page.wait_for_load_state("load")
    assert "/competenceview/list/" in page.url
    struck = page.locator("s", has_text="PAR-0750001 (I)")
    assert struck.count() >= 1
    screenshot(page, "missions-competences-struck-fr")
    # The mistake: validating without ticking the box is refused; then the entry is locked.
    page.get_by_role("button", name="Valider").click()
    page.wait_for_load_state("load")
    assert "Cochez la case" in page.locator("body").inner_text() or "case" in page.content()
    page.check("input[name=finished]")
    page.get_by_role("button", name="Valider").click()
    page.wait_for_load_state("load")
    page.goto("/competenceview/list/?psize_CompetenceView=100")
    assert page.locator("form[action^='/competenceview/mark/']").count() == 0
    screenshot(page, "missions-competences-locked-fr")
    with live_server.app.app_context():
        lock = db.session.scalar(select(CompetenceEntryLock).where(
            CompetenceEntryLock.centre_id == paris.id))
        assert lock.locked
        lock.locked = False  # leave the shared live database as the demo had it
        db.session.commit()
