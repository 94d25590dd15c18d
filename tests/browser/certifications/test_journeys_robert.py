"""Journeys of the Le Robert administrator of a centre (seed 004), in French, each with one
mistake: a group and its candidates, an order and the stock it brings, certifications the centre
supervises, and certifications planned at La Poste with each candidate's convocation e-mail.
(Activation codes: tests/browser/missions/test_activation_codes.py.)"""
import unicodedata
from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.models.candidates import Candidate, Gender
from app.models.centres import Centre
from app.models.certifications import (
    CandidateGroup,
    CertificationAssignment,
    CertificationOrder,
    CertificationType,
    OrderStatus,
)
from app.services.candidates.candidates import dedup_key
from app.services.certifications.stock import stock_of
from tests.browser.conftest import screenshot
from tests.browser.journeys import emails_after, last_email_id, pdf_text, plain, type_in

PARIS = "PAR-0750001"


def _address(first: str, last: str) -> str:
    name = unicodedata.normalize("NFKD", f"{first}.{last}".lower()).encode("ascii", "ignore")
    return name.decode().replace("'", "") + "@exemple.fr"


def _people(live_server, *names: tuple[str, str]) -> tuple[int, list[int]]:
    """New candidates of the Paris centre (the live database is shared by every journey)."""
    with live_server.app.app_context():
        paris = db.session.scalar(select(Centre).where(Centre.code == PARIS))
        born = date(1990, 4, 12)
        rows = [Candidate(centre_id=paris.id, last_name=last, first_name=first,
                          birth_date=born, gender=Gender.F, mother_tongue="fr",
                          email=_address(first, last),
                          dedup_key=dedup_key(last, first, born)) for last, first in names]
        db.session.add_all(rows)
        db.session.commit()
        return paris.id, [row.id for row in rows]


def _stock(live_server, centre_id: int, reference: str) -> int:
    with live_server.app.app_context():
        ctype = db.session.scalar(select(CertificationType).where(
            CertificationType.reference == reference))
        return stock_of(db.session, centre_id, ctype.id)


def _menu(page, entry: str) -> None:
    page.click("text=Certification Le Robert")
    page.click(f".dropdown-menu >> text={entry}")
    page.wait_for_load_state("load")


def test_a_group_is_created_refused_a_taken_name_and_given_its_candidates(page_as,
                                                                          live_server):
    _, (linh, zoe) = _people(live_server, ("O'NEILL", "Siobhan"), ("L'HÔPITAL", "Zoé"))
    page = page_as("paris.manager")
    _menu(page, "Groupes")
    page.click("a[href='/candidategroupview/add']")
    page.wait_for_load_state("load")
    page.fill("#name", "Classe FLE B2")  # the mistake: a name the centre already uses
    page.select_option("#category", "CLASS")
    page.click("#model_form button[type=submit]")
    page.wait_for_load_state("load")
    form = page.locator("#model_form").inner_text()
    assert "est déjà utilisé par un autre enregistrement" in form
    assert "Centre Id" not in page.locator("main").inner_text()
    assert page.input_value("#category") == "CLASS"
    screenshot(page, "robert-group-name-taken-fr")
    page.fill("#name", "Classe de M. O'Neill")
    page.click("#model_form button[type=submit]")
    page.wait_for_load_state("load")
    with live_server.app.app_context():
        group = db.session.scalar(select(CandidateGroup).where(
            CandidateGroup.name == "Classe de M. O'Neill"))
        pk = group.id
    page.goto(f"/candidategroupview/show/{pk}")
    assert "Classe" in page.locator("main").inner_text()
    page.click("#associate-candidates")
    page.wait_for_load_state("load")
    page.check(f"#cand-{linh}")
    page.check(f"#cand-{zoe}")
    page.get_by_role("button", name="Ajouter au groupe").click()
    page.wait_for_load_state("load")
    assert "2 candidat(s) associé(s) au groupe" in page.locator("body").inner_text()
    members = page.locator("#group-members").inner_text()
    assert "O'NEILL Siobhan" in members and "L'HÔPITAL Zoé" in members
    page.click("#group-candidates")
    page.wait_for_load_state("load")
    listing = page.locator("main").inner_text()
    assert "O'NEILL" in listing and "L'HÔPITAL" in listing and "DURAND" not in listing
    screenshot(page, "robert-group-candidates-fr")


def test_an_order_with_the_seed_amounts_reaches_sales_then_the_stock(page_as, live_server):
    with live_server.app.app_context():
        paris_id = db.session.scalar(select(Centre.id).where(Centre.code == PARIS))
    clr_before = _stock(live_server, paris_id, "PART-CLR-EXAMEN")
    first_email = last_email_id(live_server.app)
    page = page_as("paris.manager")
    _menu(page, "Commander des certifications")
    page.get_by_role("button", name="Commander").click()  # the mistake: nothing ordered
    page.wait_for_load_state("load")
    assert "/certificationorderview/order" in page.url
    assert "quantité" in page.locator(".alert-danger").inner_text().lower()
    screenshot(page, "robert-order-empty-fr")
    page.get_by_label("Quantité Partenaire / centre agréé").fill("10")
    page.get_by_label("Quantité Partenaire / La Poste").fill("10")
    totals = plain(page.locator("#cert-order tfoot").inner_text())
    assert "1 710,00 €" in totals and "342,00 €" in totals and "2 052,00 €" in totals
    page.get_by_role("button", name="Commander").click()
    page.wait_for_load_state("load")
    body = plain(page.locator("main").inner_text())
    assert "Commande de certifications" in body and "notre service commercial" in body
    assert "1 710,00 €" in body and "2 052,00 €" in body and "Commandée" in body
    screenshot(page, "robert-order-sent-fr")
    with live_server.app.app_context():
        order = db.session.scalar(select(CertificationOrder).order_by(
            CertificationOrder.id.desc()))
        pk, number = order.id, order.number
    [mail] = emails_after(live_server.app, first_email,
                          recipient=live_server.app.config["SALES_EMAIL"])
    assert number in mail["subject"] and "PART-CLR-EXAMEN" in mail["body"]

    # Customer service: delivering before the payment is refused, in French; then it is.
    support = page_as("support")

    def run(action: str) -> str:
        support.goto("/certificationorderview/list/")
        support.once("dialog", lambda d: d.accept())
        support.locator(f"input.action_check[value='{pk}']").check()
        support.click("text=Actions")
        support.click(f".{action}_menu_item")
        support.wait_for_load_state("load")
        return support.locator("body").inner_text()

    refused = run("deliver")
    assert "ne peut pas passer à « Livrée »" in refused
    screenshot(support, "robert-order-deliver-refused-fr")
    for action in ("mark_quoted", "mark_paid", "deliver"):
        run(action)
    with live_server.app.app_context():
        assert db.session.get(CertificationOrder, pk).status == OrderStatus.DELIVERED
    assert _stock(live_server, paris_id, "PART-CLR-EXAMEN") == clr_before + 10

    _menu(page, "Mouvements de stock")
    movements = page.locator("main").inner_text()
    assert "Commande livrée" in movements and number in movements
    page.goto("/")
    assert page.locator("[data-reference='PART-CLR-EXAMEN']").first.inner_text() == \
        str(clr_before + 10)


def test_certifications_the_centre_supervises_are_assigned_for_a_french_date(page_as,
                                                                             live_server):
    paris_id, (first, second) = _people(live_server, ("O'BRIEN", "Maëlle"),
                                        ("D'ALMEIDA", "Inès"))
    before = _stock(live_server, paris_id, "PART-CLR-EXAMEN")
    page = page_as("paris.manager")
    _menu(page, "Certifications dont vous gérez la surveillance")
    page.check("input[name=type_id]")
    type_in(page, "#planned_date", "16/03/2027")
    page.get_by_role("button", name="Confirmer l'attribution").click()  # no candidate ticked
    page.wait_for_load_state("load")
    assert "sélectionnez au moins un candidat ou un groupe" in \
        page.locator(".alert-danger").inner_text()
    assert page.input_value("#planned_date") == "16/03/2027"
    screenshot(page, "robert-assign-no-candidate-fr")
    page.check(f"#cand-{first}")
    page.check(f"#cand-{second}")
    page.get_by_role("button", name="Confirmer l'attribution").click()
    page.wait_for_load_state("load")
    assert "2 certification(s) attribuée(s)" in page.locator("body").inner_text()
    listing = page.locator("main").inner_text()
    assert "O'BRIEN Maëlle" in listing and "16/03/2027" in listing
    assert _stock(live_server, paris_id, "PART-CLR-EXAMEN") == before - 2
    screenshot(page, "robert-assigned-fr")


def test_la_poste_planning_keeps_the_form_on_a_wrong_time_and_convenes_each_candidate(
        page_as, live_server):
    _, [person] = _people(live_server, ("L'HERMITTE", "Anaïs"))
    first_email = last_email_id(live_server.app)
    page = page_as("paris.manager")
    _menu(page, "Planifier en centre d'examen La Poste")
    page.select_option("#partner_id", label="La Poste Paris Louvre — 75002 Paris")
    type_in(page, "#planned_date", "16/03/2027")
    page.fill("#exam_time", "25:00")  # the mistake
    page.check(f"#cand-{person}")
    page.get_by_role("button", name="Confirmer l'attribution").click()
    page.wait_for_load_state("load")
    assert "Heure doit être une heure, par exemple 09:30" in page.locator(".alert-danger").inner_text()
    assert page.input_value("#planned_date") == "16/03/2027"
    assert page.input_value("#exam_time") == "25:00"
    assert page.is_checked(f"#cand-{person}")
    assert page.locator("#partner_id option:checked").inner_text().startswith("La Poste Paris")
    screenshot(page, "robert-la-poste-wrong-time-fr")
    page.fill("#exam_time", "14:30")
    page.get_by_role("button", name="Confirmer l'attribution").click()
    page.wait_for_load_state("load")
    assert "1 certification(s) attribuée(s)" in page.locator("body").inner_text()
    with live_server.app.app_context():
        row = db.session.scalar(select(CertificationAssignment).where(
            CertificationAssignment.candidate_id == person))
        assert (row.planned_date, row.exam_time) == (date(2027, 3, 16), "14:30")
    [mail] = emails_after(live_server.app, first_email, kind="certification_convocation")
    assert mail["to"] == "anais.lhermitte@exemple.fr" and mail["language"] == "fr"
    assert "16 rue Étienne Marcel, 75002 Paris" in mail["body"] and "14:30" in mail["body"]
    assert "mardi 16 mars 2027" in mail["body"] and "pièce d'identité" in mail["body"]
    [(name, content)] = mail["files"].items()
    assert name.endswith(".pdf")
    text = pdf_text(content)
    assert "L'HERMITTE" in text and "16 mars 2027" in text and "14:30" in text
