"""Filters a person can use, in Chromium: "Statut est parmi" with two values picked in a
multi-select and "Valable jusqu'au entre" two dates typed in French into two date inputs give
the rows SQL gives; the applied filters show as chips and a chip's cross removes its filter."""
from __future__ import annotations

from datetime import date

from sqlalchemy import text

from tests.browser.conftest import screenshot

AGREEMENTS = "/agreementview/list/"


def _references(page) -> set[str]:
    table = page.locator("table.examdesk-list")
    if table.count() == 0:
        return set()
    columns = table.get_attribute("data-columns").split(",")
    at = columns.index("reference")
    refs = set()
    for tr in table.locator("tr").all()[1:]:
        cells = [" ".join(c.split()) for c in tr.locator("td").all_inner_texts()]
        refs.add(cells[-len(columns):][at])
    return refs


def _sql(live_server, statuses, start, end) -> set[str]:
    from app.extensions import db

    with live_server.app.app_context():
        rows = db.session.execute(text(
            "SELECT reference FROM agreement WHERE status IN :statuses "
            "AND valid_until BETWEEN :a AND :b").bindparams(
                __import__("sqlalchemy").bindparam("statuses", expanding=True)),
            {"statuses": statuses, "a": start, "b": end}).all()
        db.session.remove()
    return {r[0] for r in rows}


def _labels(live_server) -> dict[str, str]:
    """The French labels of the agreement statuses (as the multi-select shows them)."""
    from flask_babel import force_locale

    from app.models.centres import AgreementStatus

    with live_server.app.test_request_context("/"), force_locale("fr"):
        return {m.name: str(m.label) for m in AgreementStatus}


def _choose_operation(page, row, label: str) -> None:
    row.locator(".select2-selection").first.click()
    page.locator(".select2-results__option", has_text=label).first.click()


def test_two_values_and_a_date_range_picked_on_screen_give_the_rows_of_sql(page_as,
                                                                            live_server):
    page = page_as("support")
    page.goto(AGREEMENTS)
    page.get_by_role("link", name="Rechercher").first.click()  # FAB's folded search panel
    page.get_by_role("button", name="Ajouter un filtre").click()
    page.click("a.filter[name=status]")
    status_row = page.locator("#filter_form .filters tr").last
    _choose_operation(page, status_row, "Est parmi")
    multi = status_row.locator("select.examdesk-multi")
    assert multi.count() == 1
    search = status_row.locator(".select2-search__field")
    labels = _labels(live_server)
    for typed in (labels["APPROVED"][:5], labels["EXPIRED"][:5]):
        search.click()
        search.type(typed)
        page.keyboard.press("Enter")
    assert sorted(multi.evaluate("s => Array.from(s.selectedOptions, o => o.value)")) == [
        "APPROVED", "EXPIRED"]
    page.get_by_role("button", name="Ajouter un filtre").click()
    page.click("a.filter[name=valid_until]")
    range_row = page.locator("#filter_form .filters tr").last
    _choose_operation(page, range_row, "Entre")
    assert range_row.locator("input.form-control:visible").count() == 2  # the pair only
    start = range_row.get_by_label("Du", exact=True)
    end = range_row.get_by_label("Au", exact=True)
    start.fill("01/01/2025")
    end.fill("31/12/2030")
    page.keyboard.press("Escape")
    screenshot(page, "filters-multi-and-range")
    page.locator("#filter_form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    expected = _sql(live_server, ["APPROVED", "EXPIRED"], date(2025, 1, 1), date(2030, 12, 31))
    assert expected and _references(page) == expected
    chips = page.locator("#filter-chips .examdesk-chip")
    texts = [" ".join(t.split()) for t in chips.all_inner_texts()]
    assert any("Est parmi" in t and labels["APPROVED"] in t and labels["EXPIRED"] in t
               for t in texts), texts
    assert any("du 01/01/2025 au 31/12/2030" in t for t in texts), texts
    # the applied filters come back as one multi-select and one pair of dates
    assert page.locator("#filter_form select.examdesk-multi").count() == 1
    assert page.locator("#filter_form .examdesk-range input").count() == 2
    screenshot(page, "filters-chips")
    page.get_by_role("link", name="Retirer le filtre : Statut").click()
    page.wait_for_load_state("networkidle")
    everything = _sql(live_server, ["DRAFT", "SUBMITTED", "APPROVED", "REJECTED", "EXPIRED"],
                      date(2025, 1, 1), date(2030, 12, 31))
    assert _references(page) == everything != expected
    assert page.locator("#filter-chips .examdesk-chip").count() == 1
