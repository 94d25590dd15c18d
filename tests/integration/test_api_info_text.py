"""The API's _info never gives the French catalogue's header as a field's description or label
(gettext("") returns the header)."""
import json


def test_info_descriptions_are_never_the_catalogue_header(client, api_token):
    token = api_token("paris.manager")
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": "fr"}
    for resource in ("candidate", "centre", "product", "mission"):
        response = client.get(f"/api/v1/{resource}/_info?_l_=fr", headers=headers)
        assert response.status_code == 200, resource
        text = json.dumps(response.json)
        assert "Project-Id-Version" not in text and "Content-Type: text/plain" not in text
