"""The sessions screens in French, the default language (needs the compiled catalogue:
`make translations` merges app/translations/fragments/sessions.po)."""
from tests.integration.sessions.sessions_helpers import session_by_number


def test_session_list_and_statuses_are_in_french(login_as):
    html = login_as("paris.manager").get("/examsessionview/list/").get_data(as_text=True)
    assert "Inscriptions ouvertes" in html and "Inscriptions closes" in html
    assert "Registrations open" not in html


def test_a_refused_action_says_why_in_french(login_as, db_session):
    client = login_as("paris.manager")
    draft = session_by_number(db_session, "7000105")
    client.post(f"/examsessionview/transition/{draft.id}/close_registrations",
                data={"csrf_token": client.csrf})
    html = client.get(f"/examsessionview/show/{draft.id}").get_data(as_text=True)
    assert "pas possible au statut « Brouillon »" in html


def test_import_errors_are_listed_in_french(login_as, db_session):
    import io

    from tests.integration.candidates.xlsx_factory import person_row, workbook_bytes

    client = login_as("paris.manager")
    session = session_by_number(db_session, "7000101")
    row = person_row(1)
    row[2] = "31/02/1990"
    response = client.post(f"/examsessionview/import/{session.id}/candidates", data={
        "csrf_token": client.csrf, "file": (io.BytesIO(workbook_bytes([row])), "f.xlsx")},
        content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert "n&#39;est pas une date (JJ/MM/AAAA)" in html or "n'est pas une date" in html
    assert "Rien n&#39;a été importé" in html or "Rien n'a été importé" in html
