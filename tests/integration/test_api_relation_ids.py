"""A relation in an API payload is a row id: a text in its place (a `javascript:` URL in a
request's conversation) is a 422 naming the field, on SQLite and PostgreSQL alike (PostgreSQL
failed the statement: 500)."""
from sqlalchemy import select

from app.models.requests import ExamRequest


def test_a_text_where_a_relation_id_is_expected_is_a_422(app, db_session, api_token):
    item = db_session.scalar(select(ExamRequest).where(
        ExamRequest.registration.has(number="R700010103")))
    headers = {"Authorization": f"Bearer {api_token('paris.manager')}",
               "If-Match": str(item.version)}
    for value in ("javascript:alert(1)", "12abc", True, [1, "x"], 2 ** 70):
        response = app.test_client().put(f"/api/v1/request/{item.id}", headers=headers,
                                         json={"conversation": value})
        assert response.status_code == 422, (value, response.text)
        assert "conversation" in response.json["errors"]
