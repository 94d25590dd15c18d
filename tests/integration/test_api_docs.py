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
    client = login_as("paris.manager")
    response = client.get("/swagger/v1")
    assert response.status_code == 200
    assert "/api/v1/_openapi" in response.text
    # the Swagger UI runs under the page's Content-Security-Policy: its scripts carry its nonce
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    assert f'swagger-ui-bundle.js"\n            nonce="{nonce}"' in response.text
    assert f'<script nonce="{nonce}">\n        const ui = SwaggerUIBundle' in response.text
    assert client.get("/static/appbuilder/js/swagger-ui-bundle.js").status_code == 200


def test_the_document_lists_every_resource_but_every_call_is_still_checked(app, api_token):
    headers = {"Authorization": f"Bearer {api_token('paris.evaluator')}"}
    client = app.test_client()
    spec = client.get("/api/v1/_openapi", headers=headers).json
    assert "/api/v1/request/" in spec["paths"]
    assert client.get("/api/v1/request/", headers=headers).status_code == 403
    assert client.get("/api/v1/session/", headers=headers).status_code == 200


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


# -- the examples of docs/api.md, run as written --------------------------------------------
API_DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
TOKEN = re.compile(r"<token of ([\w.]+)>")


def doc_examples() -> list[dict]:
    """Each ```http block: method, path, headers, body, and the answer's status and headers."""
    examples = []
    for block in re.findall(r"```http\n(.*?)```", API_DOC.read_text(encoding="utf-8"), re.S):
        request_text, _, answer = block.partition("\nHTTP/1.1 ")
        head, _, body = request_text.strip().partition("\n\n")
        request_line, *header_lines = head.splitlines()
        method, path = request_line.split(" ", 1)
        status_line, *answer_headers = answer.strip().splitlines()
        examples.append({
            "request": request_line,
            "method": method, "path": path.strip(),
            "headers": dict(line.split(": ", 1) for line in header_lines),
            "body": json.loads(body) if body.strip() else None,
            "status": int(status_line.split()[0]),
            "answer_headers": [line.split(":", 1)[0] for line in answer_headers],
        })
    return examples


def test_docs_api_md_examples_are_machine_readable():
    examples = doc_examples()
    assert len(examples) >= 20
    assert "```bash" not in API_DOC.read_text(encoding="utf-8").split("## Authentication")[1]
    writes = [e for e in examples if e["method"] in ("PUT", "DELETE") and e["status"] < 400]
    assert writes and all("If-Match" in e["headers"] for e in writes)


def test_every_example_of_docs_api_md_answers_the_status_it_states(app, api_token):
    client = app.test_client()
    tokens: dict[str, str] = {}
    last = {"id": None, "etag": None}
    for example in doc_examples():
        def fill(text: str) -> str:
            text = TOKEN.sub(lambda m: tokens.setdefault(m.group(1), api_token(m.group(1))), text)
            return text.replace("{id}", str(last["id"])).replace("{etag}", str(last["etag"]))

        headers = {name: fill(value) for name, value in example["headers"].items()}
        response = client.open(fill(example["path"]), method=example["method"],
                               headers=headers, json=example["body"])
        assert response.status_code == example["status"], (
            f"{example['request']}: {response.status_code} {response.text[:300]}")
        for name in example["answer_headers"]:
            assert response.headers.get(name), f"{example['request']}: no {name} header"
        answer = response.get_json(silent=True) or {}
        if response.status_code == 201:
            last["id"] = answer["id"]
        elif answer.get("ids"):
            last["id"] = answer["ids"][0]
        if response.headers.get("ETag"):
            last["etag"] = response.headers["ETag"]
