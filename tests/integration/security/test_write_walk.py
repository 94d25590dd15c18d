"""The write walk, beside the tenancy walk: as each centre role, every write route of every
registered view and API resource (edit, delete, actions single and multi, every other POST
route of a row, imports, API PUT/DELETE/POST, socket events) aimed at rows the role may not
change: rows of the other centre, and rows shared by every centre (a body-organised session,
products). Every row outside the role's write scope is read before and after each view's
walk: any change fails. A new view or resource is walked without editing this file."""
from __future__ import annotations

import io
from html.parser import HTMLParser

import pytest
from flask_appbuilder import ModelView
from flask_appbuilder.api import ModelRestApi
from sqlalchemy import Enum, String, false, func, not_, select

from app.extensions import db
from app.security.scope import tenant_clause, write_clause
from app.services.sessions.workflow import TRANSITIONS
from tests.integration.candidates.xlsx_factory import person_row, workbook_bytes
from tests.integration.security.test_tenancy_walk import _viewer

CENTRE_ROLES = ["paris.manager", "paris.staff", "paris.evaluator"]
UNTOUCHED_TABLES = {"audit_log"}  # refusals are recorded there (security events)
MARK = "WALKZ"
NAMES = sorted({t.name for t in TRANSITIONS} | {"csv", "pdf", "candidates", "examiners"})
EXTRA_FORM = {"decision": "accept", "note": MARK, "accept": "y", "signer_name": MARK,
              "status": "closed", "finished": "y", "reason": MARK, "body": MARK,
              "by": "amount", "value": "10", "done": "y"}


# -- what may not change ---------------------------------------------------------------------
def outside(clause):
    """NOT clause, true where the clause is NULL (a body session's NULL centre): SQL's
    `centre_id != 1` would silently leave those rows out."""
    return not_(func.coalesce(clause, false()))


def _mapped(table):
    for mapper in db.Model.registry.mappers:
        if mapper.local_table is table and not mapper.inherits:
            return mapper.class_
    return None


def untouchable_rows(session, viewer) -> dict[str, set]:
    """Every row outside the viewer's write scope, as values (new rows there show too)."""
    rows = {}
    for table in db.metadata.sorted_tables:
        if table.name in UNTOUCHED_TABLES:
            continue
        stmt = select(table)
        model = _mapped(table)
        clause = write_clause(model, viewer) if model is not None else None
        if model is not None and clause is None:
            continue  # everything writable: nothing to guard (body staff)
        if clause is not None:
            stmt = stmt.where(outside(clause))
        rows[table.name] = {tuple(map(str, r)) for r in session.execute(stmt)}
    return rows


def changes(before: dict, after: dict) -> list[str]:
    found = []
    for name in before:
        gone, new = before[name] - after[name], after[name] - before[name]
        if gone or new:
            found.append(f"{name}: {len(gone)} row(s) changed or removed, {len(new)} added "
                         f"{sorted(new)[:1]}")
    return found


def guarded(session, viewer, label: str, walk) -> list[str]:
    """Run `walk()`; what it changed among the rows the viewer may not change."""
    before = untouchable_rows(session, viewer)
    walk()
    session.expire_all()
    return [f"{label}: {change}" for change in changes(before,
                                                       untouchable_rows(session, viewer))]


# -- the rows to aim at ----------------------------------------------------------------------
def targets(session, model, viewer, per_kind: int = 2) -> list:
    """Rows the viewer may not change: some they see (shared), some they do not (foreign)."""
    pk = model.__mapper__.primary_key[0]
    write = write_clause(model, viewer)
    blocked = select(pk) if write is None else select(pk).where(outside(write))
    read = tenant_clause(model, viewer)
    shared = blocked if read is None else blocked.where(read)
    foreign = None if read is None else blocked.where(outside(read))
    picked = list(session.scalars(shared.order_by(pk).limit(per_kind)))
    if foreign is not None:
        picked += list(session.scalars(foreign.order_by(pk).limit(per_kind)))
    return picked


class FormValues(HTMLParser):
    """The values an HTML form would send as it is shown (inputs, selects, text areas)."""

    def __init__(self):
        super().__init__()
        self.values, self._select, self._area = {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") != "checkbox" or "checked" in a:
                self.values[name] = a.get("value") or ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and ("selected" in a
                                                   or self._select not in self.values):
            self.values[self._select] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._area = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._area = None

    def handle_data(self, data):
        if self._area:
            self.values[self._area] += data


def form_values(html: str) -> dict:
    parser = FormValues()
    parser.feed(html)
    return parser.values


def text_column(model):
    for column in model.__table__.columns:
        if isinstance(column.type, String) and not isinstance(column.type, Enum) \
                and not column.primary_key and not column.foreign_keys:
            return column.key
    return None


# -- the walk of one view ---------------------------------------------------------------------
def _edit(client, view, pk, row):
    page = client.get(f"{view.route_base}/edit/{pk}")
    data = form_values(page.get_data(as_text=True)) if page.status_code == 200 else {}
    column = text_column(type(row))
    if column:
        data[column] = MARK
    data.update(csrf_token=client.csrf, row_version=str(getattr(row, "version", "")))
    client.post(f"{view.route_base}/edit/{pk}", data=data)


def _row_routes(app, view):
    prefix = view.blueprint.name + "."
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith(prefix) and "pk" in rule.arguments \
                and "POST" in rule.methods and not rule.endpoint.endswith((".edit", ".action")):
            yield rule


def walk_view(app, client, view, pk, row):
    _edit(client, view, pk, row)
    for rule in _row_routes(app, view):
        other = rule.arguments - {"pk"}
        names = NAMES if other else [None]
        for name in names:
            values = {a: name for a in other} | {"pk": pk}
            client.post(rule.build(values)[1], data={"csrf_token": client.csrf, **EXTRA_FORM})
    for name in view.actions:
        client.post(f"{view.route_base}/action/{name}/{pk}", data={"csrf_token": client.csrf})
        client.post(f"{view.route_base}/action_post",
                    data={"csrf_token": client.csrf, "action": name, "rowid": [pk]})


def crud_views(app):
    return [v for v in app.appbuilder.baseviews if isinstance(v, ModelView)]


@pytest.mark.parametrize("username", CENTRE_ROLES)
def test_no_screen_write_reaches_a_row_the_role_may_not_change(app, db_session, login_as,
                                                               username):
    viewer = _viewer(db_session, username)
    client = login_as(username)
    failures, aimed = [], []
    for view in crud_views(app):
        model = view.datamodel.obj
        rows = targets(db_session, model, viewer)
        aimed += rows

        def walk(view=view, model=model, rows=rows):
            for pk in rows:
                walk_view(app, client, view, pk, db_session.get(model, pk))

        failures += guarded(db_session, viewer, type(view).__name__, walk)
    assert len(aimed) > 20
    assert failures == [], "\n".join(failures)


def test_imports_into_a_shared_or_foreign_session_store_nothing(app, db_session, login_as):
    from app.models.sessions import ExamSession

    viewer = _viewer(db_session, "paris.manager")
    client = login_as("paris.manager")
    data = workbook_bytes([person_row(i) for i in range(3)])

    def walk():
        for pk in targets(db_session, ExamSession, viewer):
            for kind in ("candidates", "examiners"):
                client.post(f"/examsessionview/import/{pk}/{kind}",
                            content_type="multipart/form-data", data={
                                "csrf_token": client.csrf,
                                "file": (io.BytesIO(data), "c.xlsx")})

    assert guarded(db_session, viewer, "import", walk) == []


def apis(app):
    return [v for v in app.appbuilder.baseviews if isinstance(v, ModelRestApi)]


@pytest.mark.parametrize("username", CENTRE_ROLES)
def test_no_api_write_reaches_a_row_the_role_may_not_change(app, db_session, api_token,
                                                            username):
    viewer = _viewer(db_session, username)
    headers = {"Authorization": f"Bearer {api_token(username)}"}
    client = app.test_client()
    failures = []
    for api in apis(app):
        failures += guarded(db_session, viewer, api.resource_name,
                            lambda api=api: walk_api(db_session, viewer, client, headers, api))
    assert failures == [], "\n".join(failures)


def walk_api(session, viewer, client, headers, api):
    from app.security.filters import scoped_relations

    model = api.datamodel.obj
    base = f"/api/v1/{api.resource_name}/"
    column = text_column(model)
    body = {column: MARK} if column and column in (api.edit_columns or []) else {}
    for pk in targets(session, model, viewer):
        version = {"If-Match": str(getattr(session.get(model, pk), "version", 1))}
        client.put(f"{base}{pk}", headers=headers | version, json=body)
        client.delete(f"{base}{pk}", headers=headers | version)
    for key in scoped_relations(model):  # a new row hung under a row the viewer may not change
        if key in (api.add_columns or []):
            related = model.__mapper__.relationships[key].mapper.class_
            for pk in targets(session, related, viewer):
                client.post(base, headers=headers, json={key: pk, "conversation_id": pk,
                                                         "body": MARK, "title": MARK})


def test_socket_events_on_conversations_of_another_centre_change_nothing(app, db_session,
                                                                        login_as):
    from app.extensions import socketio
    from app.models.messaging import Conversation

    viewer = _viewer(db_session, "paris.staff")
    sock = socketio.test_client(app, namespace="/chat",
                                flask_test_client=login_as("paris.staff"))
    aimed = targets(db_session, Conversation, viewer)

    def walk():
        for pk in aimed:
            sock.emit("send_message", {"conversation_id": pk, "body": MARK, "client_id": MARK},
                      namespace="/chat", callback=True)
            sock.emit("read", {"conversation_id": pk, "last_read_id": 10 ** 9},
                      namespace="/chat", callback=True)

    failures = guarded(db_session, viewer, "socket", walk)
    sock.disconnect("/chat")
    assert aimed and failures == []


def test_the_walk_sees_a_change_outside_the_scope(db_session):
    """The comparison is not blind: changing a body session is reported."""
    from app.models.sessions import ExamSession

    viewer = _viewer(db_session, "paris.manager")
    before = untouchable_rows(db_session, viewer)
    body = db_session.scalar(select(ExamSession).where(ExamSession.centre_id.is_(None)))
    body.title = MARK
    db_session.flush()
    assert [c for c in changes(before, untouchable_rows(db_session, viewer))
            if c.startswith("exam_session")]
