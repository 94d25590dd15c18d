"""The list toolkit in Chromium: columns and density kept across logins, a saved view reopened,
every export format downloaded and read back equal to the list on screen."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import screenshot
from tests.integration.toolkit.list_helpers import pdf_rows, read_csv, read_xlsx

PRICES = "/pricelistview/list/"


def table_cells(page) -> tuple[list[str], list[list[str]]]:
    table = page.locator("table.examdesk-list")
    columns = table.get_attribute("data-columns").split(",")
    rows = []
    for tr in table.locator("tr").all()[1:]:
        cells = [" ".join(c.split()) for c in tr.locator("td").all_inner_texts()]
        rows.append(cells[-len(columns):])
    return columns, rows


def _number(text: str) -> str:
    try:
        return f"{float(text):.2f}"
    except ValueError:
        return text


def _norm(rows):
    return [[_number(" ".join(str(c).split())) for c in row] for row in rows]


def test_chosen_columns_and_density_come_back_after_logging_in_again(page_as):
    page = page_as("paris.staff")
    page.goto(PRICES)
    page.click("#columns-toggle")
    page.uncheck("#col-centre")
    for _ in range(3):
        page.click("li[data-column=amount_excl_vat] .col-up")
    page.check("input[name=density][value=compact]")
    page.click("#columns-save")
    page.wait_for_load_state("networkidle")
    assert table_cells(page)[0] == ["amount_excl_vat", "product", "component", "vat_rate"]
    again = page_as("paris.staff")
    again.goto(PRICES)
    assert table_cells(again)[0] == ["amount_excl_vat", "product", "component", "vat_rate"]
    assert again.locator("table.examdesk-list").get_attribute("data-density") == "compact"
    screenshot(again, "list-columns-compact")
    again.click("#columns-toggle")
    again.check("input[name=density][value=normal]")
    again.click("button[name=reset_columns]")
    again.wait_for_load_state("networkidle")
    assert table_cells(again)[0][0] == "centre"


def test_a_saved_view_is_found_in_the_menu_and_reopens_the_list(page_as):
    page = page_as("lyon.staff")
    page.goto(PRICES + "?q=TEF&_oc_PriceListView=amount_excl_vat&_od_PriceListView=desc")
    expected = table_cells(page)[1]
    page.click("#saved-views-toggle")
    page.fill("#save-view-name", "TEF les plus chers")
    page.click("#save-view")
    page.wait_for_load_state("networkidle")
    page.goto(PRICES)
    assert table_cells(page)[1] != expected
    page.click("#saved-views-toggle")
    page.click("#saved-views-menu >> text=TEF les plus chers")
    page.wait_for_load_state("networkidle")
    assert "q=TEF" in page.url
    assert table_cells(page)[1] == expected


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_each_export_downloads_exactly_the_list_on_screen(page_as, fmt, tmp_path):
    page = page_as("lyon.manager")
    page.goto(PRICES + "?q=TEF&_oc_PriceListView=product&_od_PriceListView=desc")
    _, rows = table_cells(page)
    headers = [" ".join(h.split()) for h in
               page.locator("table.examdesk-list thead th").all_inner_texts() if h.strip()]
    with page.expect_download() as info:
        page.click(f"#export-{fmt}")
    path = Path(tmp_path) / f"export.{fmt}"
    info.value.save_as(path)
    data = path.read_bytes()
    if fmt == "csv":
        got = read_csv(data)
    elif fmt == "xlsx":
        got = read_xlsx(data)
    else:
        got = [r for r in pdf_rows(data) if [" ".join(c.split()) for c in r] != headers]
        got = [headers] + got
    assert [" ".join(h.split()) for h in got[0]] == headers
    assert _norm(got[1:]) == _norm(rows)
    assert rows and "Paris" not in str(got)
