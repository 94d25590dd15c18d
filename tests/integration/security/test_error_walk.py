"""No error a user can reach is a 500: a walk over every registered list (each sortable column,
junk values in every filter, absurd page numbers), its exports, unknown action names, and every
REST resource with junk `q=` (Rison) arguments, as one client per role. A new list or resource
is walked without editing this file."""
from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import pytest
from flask_appbuilder import ModelView
from flask_appbuilder.api import ModelRestApi

from tests.conftest import csrf_token

ROLES = ["admin", "paris.manager", "paris.evaluator"]
JUNK = "zz'<é>"
HUGE = "99999999999999999999999"
RISON_JUNK = [
    "((", "(page:%s,page_size:10)" % HUGE, "(page:-3,page_size:-1)",
    "(order_column:nope,order_direction:sideways)", "(columns:!(nope))", "(keys:!(nope))",
    "(filters:!((col:nope,opr:eq,value:x)))", "(filters:!((col:id,opr:nope,value:x)))",
    "!(1,2)", "(filters:x)",
]


def _list_views(app):
    return [v for v in app.appbuilder.baseviews if isinstance(v, ModelView)
            and "list" in {r.endpoint.rsplit(".", 1)[-1] for r in _rules(app, v)}]


def _apis(app):
    return [v for v in app.appbuilder.baseviews if isinstance(v, ModelRestApi)]


def _rules(app, view):
    prefix = view.blueprint.name + "."
    return [r for r in app.url_map.iter_rules() if r.endpoint.startswith(prefix)]


def _junk_filters(view, value) -> dict:
    """Every filter of the list's search form, each given `value`."""
    args = {}
    for column, filters in view._filters.get_search_filters().items():
        for index, _ in enumerate(filters):
            args[f"_flt_{index}_{column}"] = value
    return args


def _list_urls(view) -> list[str]:
    name = type(view).__name__
    base = f"{view.route_base}/list/?"
    urls = [base + urlencode({f"_oc_{name}": column, f"_od_{name}": "desc"})
            for column in view.order_columns]
    urls += [base + urlencode({f"_oc_{name}": "nope", f"_od_{name}": "up"}),
             base + urlencode(_junk_filters(view, JUNK)),
             base + urlencode(_junk_filters(view, HUGE)),
             base + urlencode({f"page_{name}": HUGE}),
             base + urlencode({f"page_{name}": "-4", f"psize_{name}": "-1"}),
             base + urlencode({f"page_{name}": "x", f"psize_{name}": HUGE}),
             base + urlencode({"q": JUNK, "_cols": "nope,,x"})]
    export = f"{view.route_base}/export/csv?" + urlencode(_junk_filters(view, JUNK))
    return urls + [export]


def _failures(client, method, urls, **kwargs) -> list[str]:
    found = []
    for url in urls:
        try:
            response = client.open(url, method=method, **kwargs)
        except Exception as exc:  # an exception is what a 500 is made of
            found.append(f"{method} {url[:160]} -> {type(exc).__name__}: {str(exc)[:160]}")
            continue
        if response.status_code >= 500:
            found.append(f"{method} {url[:160]} -> {response.status_code}")
    return found


def _report(failures) -> str:
    return "\n".join(failures)


@pytest.mark.parametrize("username", ROLES)
def test_no_list_answers_500_whatever_the_sort_filter_or_page(app, login_as, username):
    client = login_as(username)
    failures = []
    walked = 0
    for view in _list_views(app):
        if client.get(f"{view.route_base}/list/").status_code != 200:
            continue  # not this role's list
        walked += 1
        failures += _failures(client, "GET", _list_urls(view))
    assert walked >= 3
    assert failures == [], _report(failures)


@pytest.mark.parametrize("username", ROLES)
def test_unknown_actions_are_refused_without_500(app, login_as, username):
    client = login_as(username)
    failures = []
    for view in _list_views(app):
        data = {"csrf_token": client.csrf, "action": "nope", "rowid": ["1"]}
        failures += _failures(client, "POST", [f"{view.route_base}/action_post"], data=data)
        failures += _failures(client, "POST", [f"{view.route_base}/action/nope/1"],
                              data={"csrf_token": client.csrf})
    assert failures == [], _report(failures)


def test_unknown_actions_are_refused_without_500_even_anonymously(app):
    client = app.test_client()
    token = csrf_token(client)
    failures = []
    for view in _list_views(app):
        failures += _failures(client, "POST", [f"{view.route_base}/action_post"],
                              data={"csrf_token": token, "action": "nope", "rowid": ["1"]})
    assert failures == [], _report(failures)


@pytest.mark.parametrize("username", ROLES)
def test_no_api_resource_answers_500_to_junk_arguments(app, api_token, username):
    headers = {"Authorization": f"Bearer {api_token(username)}"}
    client = app.test_client()
    failures = []
    for api in _apis(app):
        base = f"/api/v1/{api.resource_name}/"
        urls = [base + "?q=" + quote(junk) for junk in RISON_JUNK]
        for column in api.search_columns or []:
            for value in ("zz", HUGE, "-1"):
                rison = f"(filters:!((col:{column},opr:eq,value:'{value}')))"
                urls.append(base + "?q=" + quote(rison))
        urls += [base + "1?q=" + quote("(columns:!(nope))"), base + "_info?q=" + quote("((")]
        failures += _failures(client, "GET", urls, headers=headers)
    assert failures == [], _report(failures)


FORM_ROLES = ["admin", "paris.manager"]
SELECT = re.compile(r'<select[^>]*name="([^"]+)"')
FIELD = re.compile(r'<(?:input|textarea)[^>]*name="([^"]+)"')


def _form_fields(html: str) -> set[str]:
    return (set(SELECT.findall(html)) | set(FIELD.findall(html))) - {"csrf_token"}


@pytest.mark.parametrize("username", FORM_ROLES)
def test_junk_in_every_field_of_every_add_form_is_refused_without_500(app, login_as, username):
    """Drop-downs with values that are not among their choices, text where numbers and dates
    go: a message on the form, never an exception."""
    client = login_as(username)
    failures, walked = [], 0
    for view in _list_views(app):
        page = client.get(f"{view.route_base}/add")
        if page.status_code != 200:
            continue
        walked += 1
        fields = _form_fields(page.get_data(as_text=True))
        data = {name: JUNK for name in fields} | {"csrf_token": client.csrf}
        failures += _failures(client, "POST", [f"{view.route_base}/add"], data=data)
    assert walked >= 3
    assert failures == [], _report(failures)


SOCKET_JUNK = [None, [], "x", 7, {"conversation_id": "x"}, {"conversation_id": HUGE},
               {"conversation_id": [1]}]


def test_malformed_socket_events_are_acknowledged_with_an_error(app, login_as, db_session):
    from sqlalchemy import select

    from app.extensions import socketio
    from app.models.messaging import Conversation

    http = login_as("paris.manager")
    sock = socketio.test_client(app, namespace="/chat", flask_test_client=http)
    own = db_session.scalar(select(Conversation.id).where(
        Conversation.centre.has(code="PAR-0750001")).order_by(Conversation.id))
    payloads = SOCKET_JUNK + [
        {"conversation_id": own, "body": ["x"], "client_id": {"a": 1}},
        {"conversation_id": own, "body": "x" * 10, "client_id": "y" * 500},
        {"conversation_id": own, "after_id": "zz", "last_read_id": HUGE},
        {"conversation_id": own, "after_id": HUGE, "last_read_id": [1]}]
    failures = []
    for event in ("join", "leave", "send_message", "typing", "read", "sync", "unread"):
        for payload in payloads:
            try:
                answer = sock.emit(event, payload, namespace="/chat", callback=True)
            except Exception as exc:
                failures.append(f"{event} {payload!r:.80} -> {type(exc).__name__}: {exc}")
                continue
            if not isinstance(answer, dict | list):
                failures.append(f"{event} {payload!r:.80} -> no acknowledgement: {answer!r}")
    sock.disconnect("/chat")
    assert failures == [], _report(failures)
