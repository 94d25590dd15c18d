"""The account directory does not leak (issue 12, item 4): every picker and filter of accounts
(relation drop-downs of add, edit and search forms, the API's relation choices) offers a centre
user only accounts they may see, never an account of another centre; and an examiner linked to
a session is an account of that session's centre, whoever saves it. A new view with a relation
to users is walked without editing this file."""
from __future__ import annotations

import pytest
from flask_appbuilder.api import ModelRestApi
from sqlalchemy import func, select

from app.models.centres import Centre, ExamUser, user_centre
from app.models.sessions import ExamSession, SessionExaminer
from app.security.accounts import account_relations
from app.security.context import viewer_for
from app.security.scope import scope_query
from app.services.clock import now
from app.services.errors import ValidationFailed
from app.services.sessions.resources import SESSION_EXAMINERS
from app.views.base import ExamModelView
from tests.integration.security.test_tenancy_walk import select_options

PARIS, LYON = "PAR-0750001", "LYO-0690001"
CENTRE_USERS = ["paris.manager", "paris.staff", "paris.evaluator"]
NOT_CENTRE_ACCOUNT_FR = "n'est pas un compte du centre de la session"


def _centre_id(session, code) -> int:
    return session.scalar(select(Centre.id).where(Centre.code == code))


def _user(session, username) -> ExamUser:
    return session.scalar(select(ExamUser).where(ExamUser.username == username))


def foreign_accounts(session, centre_code=PARIS) -> set[str]:
    """Accounts linked to centres, none of them `centre_code`: another centre's people."""
    centre = _centre_id(session, centre_code)
    mine = select(user_centre.c.user_id).where(user_centre.c.centre_id == centre)
    ids = session.scalars(select(user_centre.c.user_id).where(user_centre.c.user_id.not_in(mine)))
    found = {str(i) for i in ids}
    assert found, "the demo data has no account of another centre"
    return found


def offered_options(html: str, name: str) -> set[str]:
    """The options of the `name` drop-downs of a page: the forms' and the list's search form
    (FAB writes the latter as JSON inside a script: \\u003cselect ...)."""
    unescaped = html.replace("\\u003c", "<").replace("\\u003e", ">").replace('\\"', '"')
    return select_options(unescaped, name) - {"__None", ""}


def _account_views(app):
    return [v for v in app.appbuilder.baseviews if isinstance(v, ExamModelView)
            and account_relations(v.datamodel.obj)]


def _own_row(session, view, viewer):
    model = view.datamodel.obj
    row = scope_query(session.query(model), model, viewer).order_by(model.id).first()
    return row.id if row is not None else None


@pytest.mark.parametrize("username", CENTRE_USERS)
def test_no_account_picker_or_filter_offers_an_account_of_another_centre(
        app, db_session, login_as, username):
    client = login_as(username)
    viewer = viewer_for(_user(db_session, username))
    foreign = foreign_accounts(db_session)
    leaks, walked = [], set()
    for view in _account_views(app):
        pages = [f"{view.route_base}/list/", f"{view.route_base}/add"]
        own = _own_row(db_session, view, viewer)
        if own is not None:
            pages.append(f"{view.route_base}/edit/{own}")
        for page in pages:
            response = client.get(page)
            if response.status_code != 200:
                continue
            html = response.get_data(as_text=True)
            for key in account_relations(view.datamodel.obj):
                offered = offered_options(html, key)
                if offered:
                    walked.add(f"{page} {key}")
                if offered & foreign:
                    leaks.append(f"{page}: {key} offers {sorted(offered & foreign)}")
    assert leaks == [], "\n".join(leaks)
    if username == "paris.manager":  # the three screens of the finding are walked
        assert {"/sessionexaminerview/add user", "/centreview/list/ support_contact",
                "/conversationview/list/ assignee"} <= walked, sorted(walked)


def test_the_examiner_picker_still_offers_the_centres_own_accounts(db_session, login_as):
    client = login_as("paris.manager")
    offered = select_options(client.get("/sessionexaminerview/add").get_data(as_text=True),
                             "user")
    assert str(_user(db_session, "paris.evaluator").id) in offered
    assert str(_user(db_session, "lyon.evaluator").id) not in offered
    # The centre's support contact is an account the manager may see, not one of its examiners.
    support = db_session.scalar(select(Centre.support_contact_id).where(Centre.code == PARIS))
    assert support is not None and str(support) not in offered


@pytest.mark.parametrize("username", CENTRE_USERS)
def test_no_api_offers_an_account_of_another_centre(app, db_session, api_token, username):
    headers = {"Authorization": f"Bearer {api_token(username)}"}
    client = app.test_client()
    foreign = {int(i) for i in foreign_accounts(db_session)}
    leaks = []
    for api in [a for a in app.appbuilder.baseviews if isinstance(a, ModelRestApi)]:
        keys = set(account_relations(api.datamodel.obj))
        info = client.get(f"/api/v1/{api.resource_name}/_info", headers=headers)
        if not keys or info.status_code != 200:
            continue
        for section in ("add_columns", "edit_columns"):
            for col in info.json.get(section, []):
                if col.get("name") in keys:
                    offered = {v.get("id") for v in col.get("values", []) or []}
                    if offered & foreign:
                        leaks.append(f"{api.resource_name} {section} {col['name']}")
    assert leaks == [], leaks


def _paris_session(db_session) -> ExamSession:
    return db_session.scalar(select(ExamSession).where(ExamSession.number == "7000101"))


def _examiners(db_session) -> int:
    return db_session.scalar(select(func.count(SessionExaminer.id)))


def test_a_centre_manager_cannot_attach_another_centres_evaluator_by_form(db_session, login_as):
    client = login_as("paris.manager")
    lyon = _user(db_session, "lyon.evaluator")
    before = _examiners(db_session)
    response = client.post("/sessionexaminerview/add", data={
        "csrf_token": client.csrf, "session": _paris_session(db_session).id, "user": lyon.id,
        "last_name": "Fournier", "first_name": "Nadia", "email": "nadia.autre@example.org"})
    assert response.status_code in (200, 422)
    assert _examiners(db_session) == before


def test_body_staff_cannot_attach_another_centres_account_to_a_session(db_session, login_as):
    """Admin's picker lists every account: the service rule refuses it, next to the field."""
    client = login_as("admin")
    lyon = _user(db_session, "lyon.evaluator")
    before = _examiners(db_session)
    response = client.post("/sessionexaminerview/add", data={
        "csrf_token": client.csrf, "session": _paris_session(db_session).id, "user": lyon.id,
        "last_name": "Fournier", "first_name": "Nadia", "email": "nadia.autre@example.org"})
    assert _examiners(db_session) == before
    assert NOT_CENTRE_ACCOUNT_FR in response.get_data(as_text=True).replace("&#39;", "'")


def test_the_examiner_rule_holds_in_the_service(db_session):
    admin = viewer_for(_user(db_session, "admin"))
    lyon = _user(db_session, "lyon.evaluator")
    session = _paris_session(db_session)
    foreign = SessionExaminer(session=session, user=lyon, last_name="Fournier",
                              first_name="Nadia", email="n@example.org")
    with pytest.raises(ValidationFailed) as refused:
        SESSION_EXAMINERS.create(db_session, admin, foreign, now())
    assert "user" in refused.value.errors


def test_an_account_of_the_sessions_centre_is_attached(db_session):
    admin = viewer_for(_user(db_session, "admin"))
    regional = _user(db_session, "regional.manager")
    session = _paris_session(db_session)
    own = SessionExaminer(session=session, user=regional, last_name="Lambert",
                          first_name="Rémi", email="r@example.org")
    SESSION_EXAMINERS.create(db_session, admin, own, now())
    assert own.id is not None and own.centre_id == session.centre_id
