"""The PDF kernel: every physical page says "Page x / y" with the true total, even when one
page of rows overflows onto a second sheet; names and dates of the centre are on every page."""
from __future__ import annotations

import io
from datetime import date, timedelta

import pdfplumber
from werkzeug.http import parse_options_header

from app.documents.pdf import pages_of, render_pdf
from tests.factories import ExamSessionFactory, RegistrationFactory, UserFactory


def page_texts(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_rows_are_split_into_pages_and_an_empty_document_still_has_one():
    assert [len(p) for p in pages_of(iter(range(65)), 30)] == [30, 30, 5]
    assert list(pages_of([], 30)) == [[]]
    assert [len(p) for p in pages_of(range(60), 30)] == [30, 30]


def test_an_overflowing_page_of_rows_is_numbered_with_the_true_total(examdesk_app):
    rows = [[f"L'Hôpital {n:03d}", "Lefèvre", "=1+1"] for n in range(90)]
    with examdesk_app.test_request_context("/?_l_=fr"):
        data = render_pdf("documents/table.html", rows, 45, title="Candidats", filters=[],
                          headers=["Nom", "Prénom", "Note"], centre_name="Centre de Paris",
                          printed="16/03/2027 14:30")
    texts = page_texts(data)
    assert len(texts) > 2  # 45 rows do not fit one A4 page: each part overflowed
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} / {len(texts)}" in text
        assert "Centre de Paris" in text and "16/03/2027 14:30" in text
    joined = "\n".join(texts)
    assert all(f"L'Hôpital {n:03d}" in joined for n in range(90))


def test_a_flowing_document_is_numbered_too(examdesk_app):
    with examdesk_app.test_request_context("/?_l_=en"):
        data = render_pdf("documents/table.html", title="Short", filters=None, rows=None,
                          headers=["Name"], centre_name="Lyon", printed="2027-03-16")
    assert page_texts(data) and "Page 1 / 1" in page_texts(data)[0]


def test_the_access_codes_of_50_candidates_are_numbered_page_1_and_2_of_2(db_session, login_as):
    session = ExamSessionFactory(start_date=date.today() + timedelta(days=5))
    registrations = RegistrationFactory.create_batch(50, session=session)
    client = login_as(UserFactory(centres=[session.centre]).username)
    answer = client.get(f"/examsessionview/document_pdf/{session.id}/access_codes")
    assert parse_options_header(answer.headers["Content-Disposition"]) == (
        "attachment", {"filename": f"codes_acces_{session.number}.pdf"})  # French by default
    texts = page_texts(answer.data)
    assert [text.splitlines()[-1] for text in texts] == ["Page 1 / 2", "Page 2 / 2"]
    joined = "\n".join(texts)
    assert all(r.access_code in joined for r in registrations)
