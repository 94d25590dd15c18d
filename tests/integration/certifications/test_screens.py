"""Certification Le Robert screens: order, delivery, groups, assignment, La Poste planning,
activation codes, the dashboard, and Lyon seeing none of Paris's rows."""
import io
import re
from datetime import date, timedelta

import pdfplumber
from flask import g
from openpyxl import load_workbook
from sqlalchemy import select

from app.models.candidates import Candidate, Gender
from app.models.centres import Centre
from app.models.certifications import (
    CandidateGroup,
    CertificationAssignment,
    CertificationOrder,
    CertificationType,
    OrderStatus,
    PartnerExamCentre,
)
from app.models.mail import OutboxEmail
from app.services.candidates.candidates import dedup_key
from app.services.certifications.stock import stock_of

PARIS, LYON = "PAR-0750001", "LYO-0690001"


def _centre(db, code):
    return db.scalar(select(Centre).where(Centre.code == code))


def _type(db, reference):
    return db.scalar(select(CertificationType).where(CertificationType.reference == reference))


def _candidate(db, centre, last, tongue):
    born = date(1991, 3, 4)
    row = Candidate(centre_id=centre.id, last_name=last, first_name="Sam", birth_date=born,
                    gender=Gender.N, mother_tongue=tongue, email=f"{last.lower()}@example.org",
                    dedup_key=dedup_key(last, "Sam", born))
    db.add(row)
    db.commit()
    return row


class Fresh:
    """A logged-in client whose requests never reuse the previous user's cached login.

    pytest-flask keeps one request context for the test, so flask-login's cached user and
    the viewer would leak from one client to the next; each request starts clean here.
    """

    def __init__(self, client):
        self.client, self.csrf = client, client.csrf

    def _clean(self):
        for key in ("_login_user", "user", "_examdesk_viewer", "csrf_token"):
            g.pop(key, None)

    def get(self, *args, **kwargs):
        self._clean()
        return self.client.get(*args, **kwargs)

    def post(self, *args, **kwargs):
        self._clean()
        return self.client.post(*args, **kwargs)


def _login(login_as, username):
    for key in ("_login_user", "user", "_examdesk_viewer", "csrf_token"):
        g.pop(key, None)
    return Fresh(login_as(username))


def _post(client, url, data):
    return client.post(url, data={**data, "csrf_token": client.csrf})


def _action(client, view, name, pk):
    return _post(client, f"/{view.lower()}/action_post", {"action": name, "rowid": [pk]})


def test_the_order_page_refuses_a_negative_quantity_and_saves_nothing(db_session, login_as):
    paris = login_as("paris.manager")
    clr = _type(db_session, "PART-CLR-EXAMEN")
    before = db_session.query(CertificationOrder).count()
    response = _post(paris, "/certificationorderview/order", {f"qty_{clr.id}": "-3"})
    assert response.status_code == 400
    assert "PART-CLR-EXAMEN" in response.text
    assert db_session.query(CertificationOrder).count() == before


def test_paris_orders_staff_deliver_assign_to_a_group_plan_la_poste_lyon_sees_nothing(
        app, db_session, login_as):
    paris_centre = _centre(db_session, PARIS)
    clr, poste = _type(db_session, "PART-CLR-EXAMEN"), _type(db_session, "PART-LAPOSTE-EXAMEN")
    stock_clr = stock_of(db_session, paris_centre.id, clr.id)
    stock_poste = stock_of(db_session, paris_centre.id, poste.id)
    paris, support, lyon = (_login(login_as, "paris.manager"), _login(login_as, "support"),
                            _login(login_as, "lyon.manager"))

    # The centre orders 10 + 10; the sales service gets the e-mail
    page = paris.get("/certificationorderview/order")
    assert page.status_code == 200 and "PART-LAPOSTE-EXAMEN" in page.text
    response = _post(paris, "/certificationorderview/order",
                     {f"qty_{clr.id}": "10", f"qty_{poste.id}": "10"})
    assert response.status_code == 302
    order = db_session.scalar(select(CertificationOrder).order_by(CertificationOrder.id.desc()))
    assert (order.subtotal_excl_vat, order.vat_amount, order.total_incl_vat) == (
        1710, 342, 2052)
    sales = db_session.scalar(select(OutboxEmail).where(
        OutboxEmail.recipient == app.config["SALES_EMAIL"]).order_by(OutboxEmail.id.desc()))
    assert order.number in sales.subject

    # Staff: quoted, paid, delivered → the stock grows; the centre may not deliver itself
    assert _action(paris, "CertificationOrderView", "deliver", order.id).status_code in (302,
                                                                                        403)
    db_session.refresh(order)
    assert order.status == OrderStatus.ORDERED
    for step in ("mark_quoted", "mark_paid", "deliver"):
        assert _action(support, "CertificationOrderView", step, order.id).status_code == 302
    db_session.refresh(order)
    assert order.status == OrderStatus.DELIVERED
    assert stock_of(db_session, paris_centre.id, clr.id) == stock_clr + 10

    # A group, candidates associated from the searchable list, then assigned as a whole group
    people = [_candidate(db_session, paris_centre, name, tongue)
              for name, tongue in (("ZOLA", "FRA"), ("YATES", "ENG"), ("XAVIER", "FRA"))]
    assert _post(paris, "/candidategroupview/add",
                 {"name": "Classe Z", "category": "CLASS"}).status_code == 302
    group = db_session.scalar(select(CandidateGroup).where(CandidateGroup.name == "Classe Z"))
    found = paris.get(f"/candidategroupview/associate/{group.id}?q=yates")
    assert "YATES" in found.text and "ZOLA" not in found.text
    _post(paris, f"/candidategroupview/associate/{group.id}",
          {"candidate": [str(p.id) for p in people]})
    db_session.refresh(group)
    assert sorted(c.last_name for c in group.candidates) == ["XAVIER", "YATES", "ZOLA"]
    listing = paris.get(f"/groupcandidates/list/?_flt_0_groups={group.id}")
    assert "YATES" in listing.text and "DURAND" not in listing.text

    planned = (date.today() + timedelta(days=10)).isoformat()
    response = _post(paris, "/certificationassignmentview/assign",
                     {"type_id": clr.id, "planned_date": planned, "whole_group": group.id})
    assert response.status_code == 302
    assert stock_of(db_session, paris_centre.id, clr.id) == stock_clr + 10 - 3

    # Three candidates planned at La Poste: one convocation each, in their language
    partner = db_session.scalar(select(PartnerExamCentre).where(
        PartnerExamCentre.name == "La Poste Paris Louvre"))
    exam_day = date.today() + timedelta(days=12)
    response = _post(paris, "/certificationassignmentview/plan",
                     {"type_id": poste.id, "partner_id": partner.id,
                      "planned_date": exam_day.isoformat(), "exam_time": "14:30",
                      "candidate": [str(p.id) for p in people]})
    assert response.status_code == 302
    assert stock_of(db_session, paris_centre.id, poste.id) == stock_poste + 10 - 3
    mails = {m.recipient: m for m in db_session.scalars(select(OutboxEmail).where(
        OutboxEmail.kind == "certification_convocation",
        OutboxEmail.recipient.in_([p.email for p in people])))}
    assert len(mails) == 3
    for mail in mails.values():
        assert "16 rue Étienne Marcel, 75002 Paris" in mail.body
        assert "14:30" in mail.body and str(exam_day.year) in mail.body
    english, french = mails["yates@example.org"], mails["zola@example.org"]
    assert english.language == "en" and french.language == "fr"
    assert "your login: yates@example.org" in english.body
    assert "identity document" in english.body
    assert "votre identifiant : zola@example.org" in french.body
    assert "pièce d'identité" in french.body

    # Activation codes only for what the centre supervises; PDF and xlsx carry them
    supervised = db_session.scalars(select(CertificationAssignment).where(
        CertificationAssignment.candidate_id.in_([p.id for p in people]),
        CertificationAssignment.type_id == clr.id)).all()
    at_la_poste = db_session.scalars(select(CertificationAssignment).where(
        CertificationAssignment.candidate_id == people[0].id,
        CertificationAssignment.type_id == poste.id)).one()
    _action(paris, "CertificationAssignmentView", "generate_codes", at_la_poste.id)
    db_session.refresh(at_la_poste)
    assert at_la_poste.activation_code is None
    for row in supervised:
        _action(paris, "CertificationAssignmentView", "generate_codes", row.id)
        db_session.refresh(row)
    codes = [row.activation_code for row in supervised]
    assert all(re.fullmatch(r"CLR(-[34679ACDEFGHJKMNPQRTUVWXY]{4}){3}", c) for c in codes)
    pdf = paris.get("/certificationassignmentview/codes/pdf")
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        text = "\n".join(p.extract_text() or "" for p in doc.pages)
    xlsx = load_workbook(io.BytesIO(paris.get("/certificationassignmentview/codes/xlsx").data),
                         read_only=True)
    cells = {c for row in xlsx.active.iter_rows(values_only=True) for c in row}
    assert all(code in text and code in cells for code in codes)

    # Lyon sees none of it
    assert lyon.get(f"/certificationorderview/show/{order.id}").status_code == 404
    assert lyon.get(f"/candidategroupview/show/{group.id}").status_code == 404
    assert lyon.get(f"/certificationassignmentview/show/{supervised[0].id}").status_code == 404
    lyon_list = lyon.get("/certificationassignmentview/list/?psize_CertificationAssignmentView=100")
    assert "ZOLA" not in lyon_list.text
    lyon_codes = lyon.get("/certificationassignmentview/codes/xlsx").data
    lyon_cells = {c for row in load_workbook(io.BytesIO(lyon_codes), read_only=True)
                  .active.iter_rows(values_only=True) for c in row}
    assert not set(codes) & lyon_cells


def test_the_dashboard_shows_the_stock_per_type_the_candidates_counts_and_groups(
        db_session, login_as):
    page = login_as("paris.manager").get("/").text
    paris = _centre(db_session, PARIS)
    clr = _type(db_session, "PART-CLR-EXAMEN")
    left = stock_of(db_session, paris.id, clr.id)
    assert re.search(rf'data-reference="PART-CLR-EXAMEN">{left}<', page)
    groups = db_session.query(CandidateGroup).filter_by(centre_id=paris.id).count()
    assert re.search(rf'id="cert-groups">{groups}<', page)
    pending = db_session.query(CertificationAssignment).filter_by(centre_id=paris.id).count()
    assert re.search(rf'id="cert-pending">{pending}<', page)
    assert 'id="cert-to-assign"' in page and 'id="cert-passed">0<' in page


def test_every_certification_page_renders_for_a_centre_and_for_staff(db_session, login_as):
    group = db_session.scalar(select(CandidateGroup).join(Centre).where(Centre.code == PARIS)
                              .order_by(CandidateGroup.id))
    pages = ["/certificationorderview/list/", "/certificationorderview/order",
             "/stockentryview/list/", "/candidategroupview/list/",
             f"/candidategroupview/show/{group.id}", f"/candidategroupview/associate/{group.id}",
             f"/candidategroupview/associate/{group.id}?q=dur&status=to_assign&group={group.id}",
             f"/groupcandidates/list/?_flt_0_groups={group.id}",
             "/certificationassignmentview/list/", "/certificationassignmentview/assign",
             f"/certificationassignmentview/assign?group={group.id}&whole_group={group.id}",
             "/certificationassignmentview/plan", "/certificationtypeview/list/",
             "/partnerexamcentreview/list/", "/"]
    for username in ("paris.manager", "support"):
        client = _login(login_as, username)
        for page in pages:
            response = client.get(page)
            assert response.status_code in (200, 302, 403), f"{username} {page}"
            if username == "paris.manager":
                assert response.status_code == 200, page
    staff = _login(login_as, "support")
    assert staff.get("/certificationassignmentview/assign").status_code == 403
    assert staff.get("/certificationorderview/order").status_code == 403


def test_a_whole_group_beyond_the_stock_is_refused_with_the_rule_and_nothing_saved(
        db_session, login_as):
    paris_centre = _centre(db_session, PARIS)
    clr = _type(db_session, "PART-CLR-EXAMEN")
    left = stock_of(db_session, paris_centre.id, clr.id)
    people = [_candidate(db_session, paris_centre, f"MANY{i}", "FRA") for i in range(left + 1)]
    paris = _login(login_as, "paris.manager")
    before = db_session.query(CertificationAssignment).count()
    response = _post(paris, "/certificationassignmentview/assign",
                     {"type_id": clr.id, "candidate": [str(p.id) for p in people],
                      "planned_date": (date.today() + timedelta(days=5)).isoformat()})
    assert response.status_code == 400
    message = re.search(r"(Not enough certifications in stock|Certifications en stock "
                        r"insuffisantes)[^<]*", response.text)
    assert message and f"{left + 1} " in message.group(0) and f"{left} " in message.group(0)
    assert db_session.query(CertificationAssignment).count() == before
    assert stock_of(db_session, paris_centre.id, clr.id) == left


def test_the_evaluator_dashboard_has_no_certification_panel(login_as):
    page = _login(login_as, "paris.evaluator").get("/")
    assert page.status_code == 200 and 'id="dashboard-certs"' not in page.text
    manager = _login(login_as, "paris.manager").get("/")
    assert 'id="dashboard-certs"' in manager.text


def test_each_certification_screen_has_its_help_page(app, login_as):
    from app.views.help.pages import HELP_PAGES

    client = _login(login_as, "paris.manager")
    names = {type(v).__name__ for v in app.appbuilder.baseviews
             if type(v).__module__.startswith("app.views.cert")}
    assert len(names) == 7 and names <= set(HELP_PAGES)
    page = client.get("/help/page/CertificationAssignmentView")
    assert page.status_code == 200 and "La Poste" in page.text


def test_la_poste_planning_reads_french_dates_and_keeps_the_choice_on_a_refusal(db_session,
                                                                                login_as):
    paris_centre = _centre(db_session, PARIS)
    poste = _type(db_session, "PART-LAPOSTE-EXAMEN")
    partner = db_session.scalar(select(PartnerExamCentre).where(PartnerExamCentre.active))
    person = _candidate(db_session, paris_centre, "ONEILL", "FRA")
    paris = _login(login_as, "paris.manager")
    paris.get("/lang/fr")
    form = {"type_id": poste.id, "partner_id": partner.id, "candidate": [str(person.id)],
            "exam_time": "14h30"}
    page = paris.get("/certificationassignmentview/plan").text
    assert 'data-picker="date"' in page and 'type="date"' not in page
    refused = _post(paris, "/certificationassignmentview/plan",
                    {**form, "planned_date": "31/02/2030"})
    assert refused.status_code == 400
    assert "31/02/2030 n&#39;est pas une date du calendrier" in refused.text
    assert 'value="31/02/2030"' in refused.text and 'value="14h30"' in refused.text
    assert re.search(rf'value="{person.id}" id="cand-{person.id}"\s+checked', refused.text)
    day = date.today() + timedelta(days=20)
    done = _post(paris, "/certificationassignmentview/plan",
                 {**form, "planned_date": day.strftime("%d/%m/%Y")})
    assert done.status_code == 302
    row = db_session.scalar(select(CertificationAssignment).where(
        CertificationAssignment.candidate_id == person.id))
    assert (row.planned_date, row.exam_time) == (day, "14:30")


def test_an_order_page_is_titled_as_an_order_not_as_a_sort_order(db_session, login_as):
    order = db_session.scalar(select(CertificationOrder).join(Centre).where(
        Centre.code == PARIS))
    paris = _login(login_as, "paris.manager")
    paris.get("/lang/fr")
    page = paris.get(f"/certificationorderview/show/{order.id}").text
    assert "Commande de certifications" in page and "Ordre" not in page
