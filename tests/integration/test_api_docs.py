"""The API documentation: the OpenAPI document and Swagger page open for every role that may call
the API, the help links to them, and the examples of docs/api.md run as written."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

API_USERS = {
    "Admin": "admin", "Support": "support", "Pedagogy": "pedagogy", "ExamManager": "manager",
    "CentreManager": "paris.manager", "CentreStaff": "paris.staff", "Evaluator": "paris.evaluator",
}


@pytest.mark.parametrize("role", sorted(API_USERS))
def test_openapi_document_opens_for_every_api_role(app, api_token, role):
    token = api_token(API_USERS[role])
    response = app.test_client().get("/api/v1/_openapi",
                                     headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text[:500]
    spec = json.loads(response.text)
    assert "/api/v1/session/" in spec["paths"]
    assert "/api/v1/request/{pk}" in spec["paths"]


def test_swagger_page_opens_for_a_centre_manager(login_as):
    response = login_as("paris.manager").get("/swagger/v1")
    assert response.status_code == 200
    assert "/api/v1/_openapi" in response.text


def text_of(response) -> str:
    return response.text.replace("&#39;", "'").replace("&#x27;", "'")


def test_the_site_map_links_the_api_documentation_in_french_and_english(login_as):
    client = login_as("paris.evaluator")
    french = text_of(client.get("/help/"))
    assert '<a href="/swagger/v1" id="sitemap-api-docs">Documentation de l\'API</a>' in french
    client.get("/language/en?next=/")
    english = text_of(client.get("/help/"))
    assert '<a href="/swagger/v1" id="sitemap-api-docs">API documentation</a>' in english


def test_the_api_help_page_opens_the_swagger_page_and_the_openapi_document(login_as):
    client = login_as("paris.staff")
    page = text_of(client.get("/help/page/SwaggerView"))
    assert "Ouvrir la documentation de l'API (Swagger)" in page
    assert 'href="/swagger/v1"' in page and 'href="/api/v1/_openapi"' in page
    assert "Tous les rôles peuvent la consulter." in page
    assert client.get("/swagger/v1").status_code == 200
    assert "paths" in client.get("/api/v1/_openapi").json
