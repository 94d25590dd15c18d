"""Every write of a versioned row requires the version it was read at (issue 12, item 8): every
edit form of a versioned model posted without its `row_version` changes nothing and says why,
in the user's language; every API resource of a versioned model refuses PUT and DELETE without
`If-Match` (428) and with a stale one (412), and GET answers the version as its ETag. A new view
or resource is walked without editing this file."""
from __future__ import annotations

from flask_appbuilder.api import ModelRestApi
from sqlalchemy import select

from app.models.base import Versioned
from app.views.base import ExamModelView
from tests.integration.security.test_write_walk import form_values, text_column

MARK = "VERSIONZ"
MISSING_FR = "n'indique pas la version de l'enregistrement"
STALE_FR = "modifié par quelqu'un d'autre"


def _endpoints(app, view) -> set[str]:
    prefix = view.blueprint.name + "."
    return {r.endpoint[len(prefix):] for r in app.url_map.iter_rules()
            if r.endpoint.startswith(prefix)}


def versioned_edit_views(app):
    return [v for v in app.appbuilder.baseviews if isinstance(v, ExamModelView)
            and issubclass(v.datamodel.obj, Versioned) and "edit" in _endpoints(app, v)]


def versioned_apis(app):
    return [a for a in app.appbuilder.baseviews if isinstance(a, ModelRestApi)
            and issubclass(a.datamodel.obj, Versioned)]


def _first_row(session, model):
    return session.scalars(select(model).order_by(model.id).limit(1)).first()


def _text(response) -> str:
    return response.get_data(as_text=True).replace("&#39;", "'").replace("&#x27;", "'")


def _post_edit(client, view, row, with_version: bool):
    page = client.get(f"{view.route_base}/edit/{row.id}")
    if page.status_code != 200:
        return None
    data = form_values(page.get_data(as_text=True))
    column = text_column(type(row))
    if column and column in data:
        data[column] = MARK + ("v" if with_version else "")
    data["csrf_token"] = client.csrf
    if not with_version:
        data.pop("row_version", None)
    return client.post(f"{view.route_base}/edit/{row.id}", data=data)


def test_every_edit_form_posted_without_its_version_changes_nothing(app, db_session, login_as):
    client = login_as("admin")
    failures, walked = [], []
    for view in versioned_edit_views(app):
        model = view.datamodel.obj
        row = _first_row(db_session, model)
        if row is None:
            continue
        version = row.version
        refused = _post_edit(client, view, row, with_version=False)
        if refused is None:
            continue
        db_session.expire_all()
        row = db_session.get(model, row.id)
        if row.version != version:
            failures.append(f"{view.route_base}: saved without a version")
            continue
        saved = _post_edit(client, view, row, with_version=True)  # the control: it can save
        db_session.expire_all()
        if saved is None or db_session.get(model, row.id).version == version:
            continue  # the form needs more than what it shows (not this walk's business)
        walked.append(view.route_base)
        if MISSING_FR not in _text(refused):
            failures.append(f"{view.route_base}: no message ({refused.status_code})")
    assert failures == [], "\n".join(failures)
    assert len(walked) >= 8, walked


def test_every_api_write_of_a_versioned_row_requires_its_current_version(app, db_session,
                                                                        api_token):
    headers = {"Authorization": f"Bearer {api_token('admin')}", "Accept-Language": "fr"}
    client = app.test_client()
    failures, walked = [], 0
    for api in versioned_apis(app):
        model = api.datamodel.obj
        row = _first_row(db_session, model)
        if row is None:
            continue
        url = f"/api/v1/{api.resource_name}/{row.id}"
        got = client.get(url, headers=headers)
        if got.status_code != 200:
            continue
        walked += 1
        if got.headers.get("ETag") != f'"{row.version}"':
            failures.append(f"{url}: ETag {got.headers.get('ETag')!r}, version {row.version}")
        version = row.version
        column = text_column(model)
        body = {column: MARK} if column and column in (api.edit_columns or []) else {}
        routes = _endpoints(app, api)
        checks = [("put", "PUT", None, 428, MISSING_FR), ("put", "PUT", "*", 412, STALE_FR),
                  ("put", "PUT", str(version + 7), 412, STALE_FR),
                  ("delete", "DELETE", None, 428, MISSING_FR),
                  ("delete", "DELETE", f'W/"{version - 1}"', 412, STALE_FR)]
        for route, method, if_match, status, message in checks:
            if route not in routes:
                continue
            extra = {"If-Match": if_match} if if_match is not None else {}
            response = client.open(url, method=method, headers=headers | extra, json=body)
            said = (response.get_json(silent=True) or {}).get("message", "")
            if response.status_code != status or message not in said:
                failures.append(f"{method} {url} If-Match={if_match!r}: "
                                f"{response.status_code} {said[:80]!r}")
        db_session.expire_all()
        if db_session.get(model, row.id) is None or db_session.get(model, row.id).version \
                != version:
            failures.append(f"{url}: changed by a refused write")
    assert failures == [], "\n".join(failures)
    assert walked >= 4


def test_a_put_with_the_etag_it_read_saves_and_answers_the_next_etag(app, db_session,
                                                                     api_token):
    headers = {"Authorization": f"Bearer {api_token('support')}"}
    client = app.test_client()
    got = client.get("/api/v1/product/", headers=headers)
    pk = got.json["ids"][0]
    etag = client.get(f"/api/v1/product/{pk}", headers=headers).headers["ETag"]
    saved = client.put(f"/api/v1/product/{pk}", headers=headers | {"If-Match": etag},
                       json={"description": "Nouvelle description"})
    assert saved.status_code == 200
    assert saved.headers["ETag"] == f'"{int(etag.strip(chr(34))) + 1}"'
    again = client.put(f"/api/v1/product/{pk}", headers=headers | {"If-Match": etag},
                       json={"description": "Écrasée ?"})
    assert again.status_code == 412
