"""The script-payload test (issue 12, guards that stay): every text field a centre user can fill
(names, titles, notes, descriptions, file names, chat messages and titles) receives a script
payload, written straight into the Paris rows of every screen to be quick and through two real
forms; then every page that shows them (each list, each record page, the chat) is opened in
Chromium as admin, support, the Paris manager and the Paris evaluator, the links carrying a
value are clicked, and no script may run: `window.__xss` stays undefined and no dialog opens."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from sqlalchemy import Enum, String, Text, select

from app.extensions import db
from app.models.centres import Centre
from app.models.messaging import Conversation, Message
from app.security.scope import write_clause
from app.services.clock import now
from app.views.base import ExamModelView
from tests.browser.conftest import screenshot
from tests.integration.security.test_tenancy_walk import _viewer

PAYLOADS = ["<img src=x onerror=window.__xss=1;alert(1)>",
            "\"><script>window.__xss=1</script>",
            "javascript:window.__xss=1",
            "'><svg onload=window.__xss=1>"]
ROLES = ["admin", "support", "paris.manager", "paris.evaluator"]
# Values with a meaning the application reads (not free text a person types).
NOT_FREE_TEXT = re.compile(r"(^|_)(code|email|phone|country|language|lang|zone|timezone|token|"
                           r"hash|status|kind|type|mime|content_type|number|reference|"
                           r"document|path|stored|access_code|identifier|siret|vat|iban|"
                           r"client_id|password|username|bracket|query|columns)($|_)")


def _free_text_columns(model):
    return [c.key for c in model.__table__.columns
            if isinstance(c.type, String | Text) and not isinstance(c.type, Enum)
            and not c.primary_key and not c.foreign_keys and not c.unique
            and (c.type.length is None or c.type.length >= 60)
            and not NOT_FREE_TEXT.search(c.key)]


def _centre_views(app):
    return [v for v in app.appbuilder.baseviews if isinstance(v, ExamModelView)
            and _free_text_columns(v.datamodel.obj)]


def plant_payloads(app) -> dict[str, int]:
    """One Paris row of every screen a centre user writes, every free text column a payload;
    a chat message and title. {route_base: pk}."""
    planted = {}
    with app.app_context():
        session = db.session
        viewer = _viewer(session, "paris.manager")
        for index, view in enumerate(_centre_views(app)):
            model = view.datamodel.obj
            clause = write_clause(model, viewer)
            if clause is None:
                continue
            row = session.scalars(select(model).where(clause).order_by(model.id).limit(1)).first()
            if row is None:
                continue
            for offset, column in enumerate(_free_text_columns(model)):
                setattr(row, column, PAYLOADS[(index + offset) % len(PAYLOADS)])
            planted[view.route_base] = row.id
        conversation = session.scalars(select(Conversation).join(Centre).where(
            Centre.code == "PAR-0750001").order_by(Conversation.id)).first()
        conversation.title = PAYLOADS[1]
        author = _viewer(session, "paris.manager").user_id
        for body in PAYLOADS:
            session.add(Message(conversation=conversation, author_id=author, body=body,
                                created_at=now()))
        planted["/chat/conversation"] = conversation.id
        session.commit()
        session.remove()
    return planted


def _watch(page) -> list:
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


# A payload that ran, or that became markup (the Content-Security-Policy may stop it running:
# the page must not depend on it, so markup made of a payload fails too).
RAN = """() => typeof window.__xss !== 'undefined'
  || [...document.querySelectorAll('*')].some(e => [...e.attributes].some(a =>
       a.value.includes('__xss') && (a.name.startsWith('on')
         || (['href', 'src', 'action', 'formaction'].includes(a.name)
             && a.value.trim().toLowerCase().startsWith('javascript:')))))
  || [...document.scripts].some(s => s.text.trim().startsWith('window.__xss'))"""


def _ran(page) -> bool:
    try:
        return page.evaluate(RAN)
    except PlaywrightError:  # a navigation began (a link was followed): read the new page
        page.wait_for_load_state("load")
        return page.evaluate(RAN)


def _visit(page, url, dialogs, failures, role):
    response = page.goto(url)
    if response is None:
        return
    if response.status >= 500:
        failures.append(f"{role} {url}: {response.status}")
        return
    if _ran(page) or dialogs:
        failures.append(f"{role} {url}: a script ran ({dialogs})")
        screenshot(page, f"xss-{role}-{url.strip('/').replace('/', '-')}")
        return
    # a link whose address or text is a value typed by a user: follow it
    links = page.locator("a[href^='javascript:window'], a:has-text('__xss')")
    for i in range(min(links.count(), 3)):
        link = links.nth(i)
        if link.get_attribute("href", timeout=1000) and link.is_visible():
            link.click(timeout=2000)
            page.wait_for_load_state("load")
            if _ran(page) or dialogs:
                failures.append(f"{role} {url}: clicking a link ran a script")
                return
            if page.url != response.url:
                page.go_back()


def test_the_detector_sees_a_payload_that_became_markup(new_page):
    page = new_page()
    for markup in ('<img onerror="window.__xss=1">', '<a href="javascript:window.__xss=1">a</a>',
                   '<p data-x="1" onclick="window.__xss=1">p</p>', PAYLOADS[1]):
        page.set_content(markup)
        assert _ran(page), markup
    page = new_page()
    page.set_content("<p title='window.__xss=1'>&lt;img src=x onerror=window.__xss=1&gt;</p>")
    assert not _ran(page)


@pytest.fixture(scope="module")
def planted(live_server):
    return plant_payloads(live_server.app)


def test_the_payloads_reach_many_screens(planted):
    assert len(planted) >= 10, planted


@pytest.mark.parametrize("role", ROLES)
def test_no_payload_runs_on_any_page_for_any_role(page_as, planted, role):
    page = page_as(role)
    dialogs = _watch(page)
    failures = []
    for base, pk in planted.items():
        if base == "/chat/conversation":
            _visit(page, f"{base}/{pk}", dialogs, failures, role)
            _visit(page, "/chat/", dialogs, failures, role)
            continue
        _visit(page, f"{base}/list/", dialogs, failures, role)
        _visit(page, f"{base}/show/{pk}", dialogs, failures, role)
    _visit(page, "/", dialogs, failures, role)
    assert failures == [], "\n".join(failures)


def test_payloads_typed_in_real_forms_run_nowhere(page_as, live_server):
    page = page_as("paris.manager")
    dialogs = _watch(page)
    page.goto("/chat/new")
    page.fill("#chat-title", PAYLOADS[0])
    page.fill("#chat-body", PAYLOADS[1])
    page.locator("form:has(#chat-body) button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "/chat/conversation/" in page.url, page.url
    conversation_url = page.url
    page.fill("#chat-input", PAYLOADS[3])
    page.click("#chat-send")  # sent over the socket, rendered by the page's script
    page.get_by_text(PAYLOADS[3]).first.wait_for(timeout=5000)
    assert not _ran(page) and dialogs == []
    for role in ("support", "admin"):
        other = page_as(role)
        seen = _watch(other)
        other.goto(conversation_url)
        assert other.get_by_text(PAYLOADS[1]).count() >= 1  # shown as text, not run
        assert not _ran(other) and seen == [], role
        screenshot(other, f"payloads-conversation-{role}")
        other.goto("/chat/")
        assert not _ran(other) and seen == [], role
