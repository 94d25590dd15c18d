"""Filters a person can use: "is one of" with several values and a date range, as the filter
widgets send them (repeated arguments), give the rows SQL gives; applied filters show as chips
whose cross removes just that filter."""
from __future__ import annotations

import html
import re
from datetime import date

from sqlalchemy import text

from app.views.toolkit.chips import filter_widgets
from tests.integration.toolkit.list_helpers import list_table

AGREEMENTS = "/agreementview/list/"


def _spec(app):
    view = next(v for v in app.appbuilder.baseviews if type(v).__name__ == "AgreementView")
    return filter_widgets(view)


def test_two_values_and_a_date_range_give_the_rows_of_sql(app, login, db_session):
    spec = _spec(app)
    assert [c[0] for c in spec["status"]["choices"]][:2]
    status, until = spec["status"]["in"], spec["valid_until"]["between"]
    query = (f"_flt_{status}_status=APPROVED&_flt_{status}_status=EXPIRED"
             f"&_flt_{until}_valid_until=01/01/2025&_flt_{until}_valid_until=31/12/2027"
             "&psize_AgreementView=100")
    expected = {r[0] for r in db_session.execute(text(
        "SELECT reference FROM agreement WHERE status IN ('APPROVED', 'EXPIRED') "
        "AND valid_until BETWEEN :a AND :b"), {"a": date(2025, 1, 1), "b": date(2027, 12, 31)})}
    assert expected
    page = login("support").get(f"{AGREEMENTS}?{query}").text
    columns, rows = list_table(page)
    assert {row[columns.index("reference")] for row in rows} == expected
    chips = re.findall(r'<li class="examdesk-chip[^"]*">(.*?)</li>', page, re.S)
    texts = [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", c)).split()) for c in chips]
    labels = dict(spec["status"]["choices"])  # the French labels the multi-select offers
    assert any(t.startswith("Statut Est parmi") and labels["APPROVED"] in t
               and labels["EXPIRED"] in t for t in texts), texts
    assert any("du 01/01/2025 au 31/12/2027" in t for t in texts), texts
    remove = re.findall(r'class="examdesk-chip-remove" href="([^"]+)"', page)
    without_status = html.unescape(next(r for r in remove if "status" not in r))
    assert "valid_until" in without_status
    rows_after = list_table(login("support").get(without_status).text)[1]
    assert len(rows_after) >= len(rows)
