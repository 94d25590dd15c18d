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
