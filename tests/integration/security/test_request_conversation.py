"""Issue 12, finding 1 (stored XSS to an Admin account): a request's conversation is a relation
to a conversation of the request's centre, never an address a user types; form and API refuse
a `javascript:` link and a conversation outside the viewer's scope; the request page links to
the conversation by url_for."""
from sqlalchemy import select

from app.models.centres import Centre, ExamUser
from app.models.messaging import Conversation
from app.models.requests import ExamRequest
from app.services.clock import now
from app.services.errors import ValidationFailed
from app.services.requests.resources import REQUESTS
from tests.integration.requests.requests_clients import user
from tests.integration.security.test_tenancy_walk import _viewer

PAYLOAD = "javascript:fetch('/users/add',{method:'POST'})"


def _request(db, number="R700010103"):
    return db.scalar(select(ExamRequest).where(ExamRequest.registration.has(number=number)))


def _conversation(db, centre_code, title):
    centre = db.scalar(select(Centre).where(Centre.code == centre_code))
    author = db.scalar(select(ExamUser).where(ExamUser.username == "support"))
    row = Conversation(centre_id=centre.id, title=title, created_by_id=author.id)
    db.add(row)
    db.flush()
    return row


def _bearer(api_token, username):
    return {"Authorization": f"Bearer {api_token(username)}"}


def test_centre_cannot_store_a_javascript_link_by_the_form(login_as, db_session):
    item = _request(db_session)
    manager = user(login_as, "paris.manager")
    for field in ("conversation", "conversation_link"):
        manager.post(f"/examrequestview/edit/{item.id}", data={
            "csrf_token": manager.csrf, "row_version": item.version, field: PAYLOAD})
    db_session.expire_all()
    item = _request(db_session)
    assert item.conversation_id is None
    assert not hasattr(item, "conversation_link")


def test_centre_cannot_store_a_javascript_link_by_the_api(app, db_session, api_token):
    item = _request(db_session)
    headers = {**_bearer(api_token, "paris.manager"), "If-Match": str(item.version)}
    client = app.test_client()
    for body in ({"conversation": PAYLOAD}, {"conversation_link": PAYLOAD}):
        response = client.put(f"/api/v1/request/{item.id}", headers=headers, json=body)
        assert response.status_code in (400, 422), response.text
    db_session.expire_all()
    assert _request(db_session).conversation_id is None


def test_centre_links_its_own_conversation_and_not_another_centres(app, login_as, db_session,
                                                                   api_token):
    item = _request(db_session)
    own = _conversation(db_session, "PAR-0750001", "Tiers-temps de Zoé L'Hôte")
    foreign = _conversation(db_session, "LYO-0690001", "Conversation lyonnaise")
    client = app.test_client()
    headers = {**_bearer(api_token, "paris.manager"), "If-Match": str(item.version)}
    refused = client.put(f"/api/v1/request/{item.id}", headers=headers,
                         json={"conversation": foreign.id})
    assert refused.status_code in (400, 404, 422), refused.text
    db_session.expire_all()
    assert _request(db_session).conversation_id is None
    manager = user(login_as, "paris.manager")
    manager.post(f"/examrequestview/edit/{item.id}", data={
        "csrf_token": manager.csrf, "row_version": item.version, "conversation": foreign.id})
    db_session.expire_all()
    assert _request(db_session).conversation_id is None
    accepted = client.put(f"/api/v1/request/{item.id}", headers=headers,
                          json={"conversation": own.id})
    assert accepted.status_code == 200, accepted.text
    db_session.expire_all()
    assert _request(db_session).conversation_id == own.id


def test_support_cannot_link_a_conversation_of_another_centre(db_session):
    """Support sees every centre's conversations; the service still keeps the centre's own."""
    item = _request(db_session)
    foreign = _conversation(db_session, "LYO-0690001", "Conversation lyonnaise")
    support = _viewer(db_session, "support")
    try:
        REQUESTS.update(db_session, support, item, {"conversation": foreign}, now(),
                        version=item.version)
    except ValidationFailed as exc:
        assert "conversation" in exc.errors
    else:
        raise AssertionError("a conversation of another centre was linked")


def test_the_request_page_links_the_conversation_by_its_route(login_as, db_session):
    item = _request(db_session)
    own = _conversation(db_session, "PAR-0750001", "Tiers-temps de Zoé")
    item.conversation = own
    db_session.flush()
    admin = user(login_as, "admin")
    html = admin.get(f"/examrequestview/show/{item.id}").get_data(as_text=True)
    assert f'href="/chat/conversation/{own.id}"' in html
    assert "javascript:" not in html
