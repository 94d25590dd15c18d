"""SQL statements per page: every page reads its user (roles, groups, centres, accessibility
settings) in one statement, and a list page reads its user's state (columns and density, saved
views, ready exports) in one more, so that a list costs as many statements as FAB's own
ModelView on the same table (bench/list_page.py prints both)."""
from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import event, select

from app.extensions import db
from app.models.centres import ExamUser, UserSetting
from app.models.toolkit import ExportJob, ListPreference, SavedListView
from tests.integration.toolkit.list_helpers import list_table

AGREEMENTS = "/agreementview/list/"
USER_STATE = ("list_preference", "saved_list_view", "export_job")


@contextmanager
def statements():
    """The statements the requests of the block send (the test's connection: see db_session)."""
    sent: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if not statement.startswith(("BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK")):
            sent.append(statement)

    target = db.engine
    event.listen(target, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(target, "before_cursor_execute", record)


def reading(sent: list[str], table: str) -> list[str]:
    """The statements that read `table` (in their FROM clause or a join)."""
    return [s for s in sent if re.search(rf"\b{table}\b", s)]


def reading_first(sent: list[str], table: str) -> list[str]:
    """The statements whose first FROM is `table`."""
    return [s for s in sent if re.search(rf"\bFROM {table}\b", s)]


def user_id(db_session, username: str) -> int:
    return db_session.scalar(select(ExamUser.id).where(ExamUser.username == username))


def test_a_list_page_reads_the_users_list_state_in_one_statement(login, db_session):
    uid = user_id(db_session, "paris.manager")
    db_session.add_all([
        ListPreference(user_id=uid, view_name="AgreementView", density="compact",
                       columns="reference,status"),
        SavedListView(owner_id=uid, view_name="AgreementView", name="Mes brouillons",
                      query="_flt_0_status=DRAFT"),
        SavedListView(owner_id=uid, view_name="AgreementView", name="Approuvés",
                      query="_flt_0_status=APPROVED"),
        SavedListView(owner_id=uid, view_name="CentreView", name="Other list", query=""),
        *[ExportJob(id=f"{n}" * 32, user_id=uid, view_name="AgreementView", fmt=fmt,
                    spec="{}", status=status, created_at=datetime(2026, 11, day, 9))
          for n, fmt, status, day in ((1, "csv", "done", 2), (2, "xlsx", "done", 3),
                                      (3, "pdf", "running", 4))],
    ])
    db_session.commit()
    client = login("paris.manager")
    client.get(AGREEMENTS)
    with statements() as sent:
        page = client.get(AGREEMENTS).text

    assert "density-compact" in page
    assert list_table(page)[0] == ["reference", "status"]
    views = page.split('id="saved-views-menu"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r"/saved_views/\d+\">([^<]+)</a>", views) == ["Approuvés", "Mes brouillons"]
    ready = re.findall(r"Votre export (\w+) du", page)
    assert ready == ["XLSX", "CSV"]  # newest first, the running one not yet
    state = {s for table in USER_STATE for s in reading(sent, table)}
    assert len(state) == 1
    assert not reading_first(sent, "user_setting")
    assert len(reading_first(sent, "ab_user")) == 1
    # user, list state, count, the centre drop-down's rows, the page's rows: as many as FAB's
    # own view on this table (user, count, rows, and its centre drop-down's count and rows)
    assert len(sent) == 5, sent


def test_every_page_applies_the_users_settings_read_with_the_user(login, db_session):
    db_session.add(UserSetting(user_id=user_id(db_session, "paris.staff"), contrast="high",
                               font_size="large"))
    db_session.commit()
    client = login("paris.staff")
    for path in ("/", AGREEMENTS, "/accessibility/"):
        with statements() as sent:
            page = client.get(path).text
        body = re.search(r"<body[^>]*>", page).group(0)
        assert "a11y-contrast-high" in body and "a11y-font-size-large" in body, path
        assert not reading_first(sent, "user_setting") or path == "/accessibility/", path
        assert len(reading_first(sent, "ab_user")) == 1, path


def test_the_statements_of_a_list_page_do_not_grow_with_its_rows(login):
    """The registrations list shows each row's test components, absences and requests: they
    are loaded with the page's rows (list_related), not row by row."""
    client = login("admin")
    counts = {}
    for size in (2, 25):
        url = f"/registrationview/list/?psize_RegistrationView={size}"
        client.get(url)
        with statements() as sent:
            page = client.get(url).text
        counts[size] = len(sent)
        assert len(list_table(page)[1]) == size
    assert re.search(r"\bCE, CO\b", page)  # the components still show
    assert counts[25] == counts[2], counts


def test_the_dashboard_reads_the_certification_stock_once_for_its_panel_and_chart(login):
    client = login("paris.manager")
    client.get("/")
    with statements() as sent:
        page = client.get("/").text
    chart = page.split('id="chart-stock-table"', 1)[1].split("</table>", 1)[0]
    assert re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', chart)
    assert len(reading_first(sent, "stock_entry")) == 1
    assert len(reading_first(sent, "candidate_group")) == 1


def test_the_dashboard_reads_its_counters_together_and_its_sessions_with_their_products(login):
    """A home page shows a dozen counters (one statement per panel, not per counter) and five
    sessions with their products and decisions with their candidates (not one statement per
    row): 36 statements before, 20 now, for a centre manager."""
    client = login("paris.manager")
    client.get("/")
    with statements() as sent:
        client.get("/")
    sessions_counters = [s for s in sent if all(
        re.search(rf"\bFROM {t}\b", s) for t in ("registration", "pre_registration",
                                                  "contact_request", "exam_session"))]
    assert len(sessions_counters) == 1, sent
    assert len([s for s in sent if re.search(r"\bFROM candidate_group\b", s)
                and re.search(r"\bFROM certification_assignment\b", s)]) == 1
    assert len([s for s in sent if re.search(r"\bFROM price_list\b", s)
                and re.search(r"\bFROM agreement\b", s)]) == 1
    assert len(reading_first(sent, "product")) <= 1  # not once per session shown
    assert len(reading_first(sent, "candidate")) <= 1  # not once per decision shown
