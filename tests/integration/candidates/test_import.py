"""xlsx import of candidates and examiners: all or nothing, every bad cell listed, no duplicate."""
import io
import zipfile
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.models.candidates import Candidate, Registration
from app.models.centres import Centre
from app.models.reference import Product
from app.models.sessions import ExamSession, SessionExaminer
from app.models.sessions import SessionStatus as S
from app.services.sessions.workflow import prepare_new_session
from tests.integration.candidates.xlsx_factory import HEADER, person_row, workbook_bytes
from tests.integration.sessions.sessions_helpers import session_by_number


@pytest.fixture()
def big_session(db_session):
    paris = db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
    product = db_session.scalar(select(Product).where(Product.code == "TEFCAN"))
    start = date.today() + timedelta(days=30)
    item = ExamSession(product=product, centre=paris, centre_id=paris.id, start_date=start,
                       end_date=start, capacity=10000, status=S.REGISTRATIONS_OPEN)
    prepare_new_session(db_session, item)
    db_session.add(item)
    db_session.commit()
    return item


def upload(client, session, data, kind="candidates", name="candidats.xlsx"):
    return client.post(f"/examsessionview/import/{session.id}/{kind}", data={
        "csrf_token": client.csrf, "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data")


def count_regs(db, session):
    return db.scalar(select(func.count(Registration.id)).where(
        Registration.session_id == session.id))


@pytest.fixture()
def manager(login_as):
    client = login_as("paris.manager")
    client.get("/lang/en")
    return client


def test_template_is_generated_from_the_importer_columns(manager, big_session):
    response = manager.get(f"/examsessionview/template/{big_session.id}/candidates")
    wb = load_workbook(io.BytesIO(response.data), read_only=True)
    header = [c for c in next(wb.worksheets[0].iter_rows(values_only=True))]
    assert [h.rstrip(" *") for h in header] == HEADER
    assert wb.worksheets[1].title == "Default values"
    assert f"{big_session.number}_candidates_import.xlsx" in response.headers[
        "Content-Disposition"]


def test_the_template_is_named_in_french_for_a_french_reader(login_as, big_session):
    french = login_as("paris.manager")
    for kind, stem in (("candidates", "candidats"), ("examiners", "examinateurs")):
        response = french.get(f"/examsessionview/template/{big_session.id}/{kind}")
        assert (f"filename={big_session.number}_modele_import_{stem}.xlsx"
                in response.headers["Content-Disposition"])


def test_a_filled_template_imports(manager, db_session, big_session):
    template = manager.get(f"/examsessionview/template/{big_session.id}/candidates").data
    wb = load_workbook(io.BytesIO(template))
    wb.worksheets[0].append(person_row(1))
    buffer = io.BytesIO()
    wb.save(buffer)
    response = upload(manager, big_session, buffer.getvalue())
    assert response.status_code == 302
    assert count_regs(db_session, big_session) == 1


def test_valid_import_registers_with_chosen_components_and_reimport_adds_nothing(
        manager, db_session, big_session):
    data = workbook_bytes([person_row(i) for i in range(3)])
    assert upload(manager, big_session, data).status_code == 302
    regs = db_session.scalars(select(Registration).where(
        Registration.session_id == big_session.id)).all()
    assert len(regs) == 3 and {r.component_codes for r in regs} == {"CE, EE"}
    candidates = db_session.scalar(select(func.count(Candidate.id)))
    assert upload(manager, big_session, data).status_code == 302
    assert count_regs(db_session, big_session) == 3
    assert db_session.scalar(select(func.count(Candidate.id))) == candidates


def test_default_values_fill_empty_cells(manager, db_session, big_session):
    row = person_row(1)
    row[4] = None  # mother tongue left empty, given by the default
    data = workbook_bytes([row], defaults={"Mother tongue (code, e.g. ARA)": "POR"})
    assert upload(manager, big_session, data).status_code == 302
    reg = db_session.scalar(select(Registration).where(
        Registration.session_id == big_session.id))
    assert reg.candidate.mother_tongue == "pt"  # stored as its CLDR code (reference lists)


def test_every_bad_cell_is_listed_and_nothing_is_stored(manager, db_session, big_session):
    rows = [person_row(i) for i in range(4)]
    rows[0][2] = "31/02/1990"          # wrong date
    rows[1][4] = "XXQ"                 # unknown language code
    rows[2][3] = "M"                   # unknown gender
    rows[3][0] = "=HYPERLINK(\"x\")"   # formula
    rows.append(person_row(1))         # duplicate of row 3
    response = upload(manager, big_session, workbook_bytes(rows))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "is not a date" in html and "XXQ" in html and "gender code" in html
    assert "formulas are not accepted" in html
    assert count_regs(db_session, big_session) == 0


def test_duplicate_rows_are_refused(manager, db_session, big_session):
    response = upload(manager, big_session, workbook_bytes([person_row(1), person_row(1)]))
    assert response.status_code == 422
    assert "duplicate of row 2" in response.get_data(as_text=True)
    assert count_regs(db_session, big_session) == 0


def test_a_file_that_is_not_an_xlsx_is_refused(manager, db_session, big_session):
    response = upload(manager, big_session, b"Nom;Prenom\nDUPONT;Marcel\n", name="fake.xlsx")
    assert response.status_code == 422
    assert "not an Excel xlsx workbook" in response.get_data(as_text=True)


def test_a_zip_bomb_is_refused_before_parsing(manager, big_session):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    response = upload(manager, big_session, buffer.getvalue())
    assert response.status_code == 422
    assert "too much data" in response.get_data(as_text=True)


def test_an_oversized_file_is_refused(manager, big_session):
    response = upload(manager, big_session, b"PK" + b"x" * (10 * 1024 * 1024))
    assert response.status_code == 422
    assert "too large" in response.get_data(as_text=True)


def test_a_full_session_refuses_the_import(manager, db_session, big_session):
    big_session.capacity = 2
    db_session.commit()
    response = upload(manager, big_session, workbook_bytes([person_row(i) for i in range(3)]))
    assert response.status_code == 422
    assert "is full" in response.get_data(as_text=True)
    assert count_regs(db_session, big_session) == 0


def test_a_closed_session_refuses_the_import(manager, db_session):
    closed = session_by_number(db_session, "7000102")
    before = count_regs(db_session, closed)
    response = upload(manager, closed, workbook_bytes([person_row(1)]))
    assert response.status_code == 422
    assert "not open" in response.get_data(as_text=True)
    assert count_regs(db_session, closed) == before


def test_examiners_import_with_needs_training(manager, db_session, big_session):
    data = workbook_bytes([["MARTIN", "Léa", "lea@example.org", "O"],
                           ["PETIT", "Noé", "noe@example.org", "N"]],
                          header=["Last name", "First name", "E-mail", "Needs training (O/N)"])
    assert upload(manager, big_session, data, kind="examiners").status_code == 302
    rows = db_session.scalars(select(SessionExaminer).where(
        SessionExaminer.session_id == big_session.id).order_by(SessionExaminer.email)).all()
    assert [(r.email, r.needs_training) for r in rows] == [("lea@example.org", True),
                                                          ("noe@example.org", False)]


def test_ten_thousand_rows_import(manager, db_session, big_session):
    data = workbook_bytes([person_row(i) for i in range(10000)], write_only=True)
    response = upload(manager, big_session, data)
    assert response.status_code == 302
    assert count_regs(db_session, big_session) == 10000
    codes = db_session.scalar(select(func.count(func.distinct(Registration.access_code))).where(
        Registration.session_id == big_session.id))
    assert codes == 10000


def test_lyon_cannot_import_into_a_paris_session(login_as, big_session):
    client = login_as("lyon.manager")
    assert upload(client, big_session, workbook_bytes([person_row(1)])).status_code == 404
