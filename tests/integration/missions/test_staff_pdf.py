"""The "Personnels" PDF is readable: landscape, each column as wide as its content asks, a long
e-mail wrapped inside its cell. Checked on the words the PDF holds, with their positions: no
word of a cell runs into the next column."""
from __future__ import annotations

import io

import pdfplumber
from sqlalchemy import select

from app.models.centres import Centre
from app.models.missions.staff import StaffMember


def _column_text(data: bytes, header_word: str) -> str:
    """The text of the column whose header holds `header_word`, its lines joined."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        table = page.find_tables()[0]
        word = next(w for w in page.extract_words() if w["text"] == header_word)
        cell = next(c for c in table.cells if c[0] - 1 <= word["x0"] <= c[2]
                    and c[1] - 1 <= word["top"] <= c[3])
        return page.crop((cell[0], table.bbox[1], cell[2], table.bbox[3])).extract_text(
        ).replace("\n", "")


def _overflows(data: bytes) -> tuple[list, list[str], float, float]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        tables = page.find_tables()
        assert tables
        cells = [c for table in tables for c in table.cells]
        top, bottom = min(t.bbox[1] for t in tables), max(t.bbox[3] for t in tables)
        words = page.extract_words()
        over = []
        for word in words:
            if not top <= word["top"] <= bottom:
                continue  # the title and the footer
            cell = next(c for c in cells if c[0] - 1 <= word["x0"] <= c[2]
                        and c[1] - 1 <= word["top"] <= c[3])
            if word["x1"] > cell[2] + 0.5:
                over.append(word["text"])
        return over, [w["text"] for w in words], page.width, page.height


def test_long_emails_wrap_in_their_cell(login_as, db_session):
    paris = db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
    people = db_session.scalars(select(StaffMember).where(
        StaffMember.centre_id == paris.id)).all()
    for person in people:
        person.professional_email = (
            f"{person.first_name.lower()}.de-la-fontaine-montmorency-"
            f"{person.last_name.lower()}@ac-paris.examdesk.education.gouv.fr")
    db_session.flush()
    response = login_as("paris.manager").get("/staffmemberview/extract/pdf?kind=staff")
    assert response.status_code == 200
    over, words, width, height = _overflows(response.get_data())
    assert width > height  # landscape
    assert over == []
    assert "COULEAU" in words and "Roberta" in words  # short words are not cut
    # the e-mail is all there, only wrapped
    assert "roberta.de-la-fontaine-montmorency-couleau@ac-paris.examdesk.education.gouv.fr" \
        in _column_text(response.get_data(), "Mél.")


def test_the_toolkit_pdf_export_wraps_too(login_as, db_session):
    person = db_session.scalar(select(StaffMember).where(StaffMember.identifier == "P750003"))
    person.professional_email = "roberta.de-la-fontaine-montmorency-couleau@" \
                                "ac-paris.examdesk.education.gouv.fr"
    person.post_discipline = "SCIENCES-ET-TECHNIQUES-MEDICO-SOCIALES-ET-BIOLOGIE-APPLIQUEE"
    db_session.flush()
    response = login_as("paris.manager").get(
        "/staffmemberview/export/pdf?_cols=identifier,last_name,post_discipline,"
        "professional_email,personal_phone")
    assert response.status_code == 200
    over, _words, _w, _h = _overflows(response.get_data())
    assert over == []
