"""Every list's toolkit on the demo views: exports equal the list, filters, order, columns,
page-size cap, preferences per user and list, saved views and their sharing."""
from __future__ import annotations

import re

import pytest

from app.services.parsing import parse_decimal
from tests.integration.toolkit.list_helpers import (
    list_headers,
    list_table,
    pdf_rows,
    read_csv,
    read_pdf_text,
    read_xlsx,
)

PRICES = "/pricelistview"
CENTRES = "/centreview"
AGREEMENTS = "/agreementview"


def shown(client, base, query=""):
    page = client.get(f"{base}/list/?{query}")
    assert page.status_code == 200
    return page.text


def exported(client, base, fmt, query=""):
    response = client.get(f"{base}/export/{fmt}?{query}")
    assert response.status_code == 200, response.status_code
    return response.get_data()


def _cell(text):
    text = re.sub(r"\s+", " ", text).strip()
    try:
        return f"{float(text):.2f}"
    except ValueError:
        return text


def _norm(rows):
    return [[_cell(c) for c in row] for row in rows]


@pytest.mark.parametrize("query", [
    "",
    "_oc_PriceListView=amount_excl_vat&_od_PriceListView=desc",
    "_flt_2_amount_excl_vat=50&_oc_PriceListView=product&_od_PriceListView=asc",
    "_cols=amount_excl_vat,product",
])
def test_exports_have_exactly_the_rows_and_columns_of_the_list(login, query):
    client = login("paris.manager")
    page = shown(client, PRICES, query + "&psize_PriceListView=100")
    columns, rows = list_table(page)
    headers = list_headers(page)
    assert rows, "the demo list must not be empty"
    csv_rows = read_csv(exported(client, PRICES, "csv", query))
    xlsx_rows = read_xlsx(exported(client, PRICES, "xlsx", query))
    assert csv_rows[0] == headers == xlsx_rows[0]
    assert _norm(csv_rows[1:]) == _norm(rows)
    assert _norm(xlsx_rows[1:]) == _norm(rows)
    pdf = pdf_rows(exported(client, PRICES, "pdf", query))
    assert [r for r in _norm(pdf) if r != headers] == _norm(rows)


def test_exports_of_a_centre_user_contain_nothing_of_another_centre(login):
    client = login("paris.manager")
    for fmt, reader in (("csv", read_csv), ("xlsx", read_xlsx)):
        text = str(reader(exported(client, PRICES, fmt)))
        assert "Paris" in text and "Lyon" not in text
    assert "Lyon" not in read_pdf_text(exported(client, PRICES, "pdf"))
    body = read_csv(exported(client, PRICES, "csv"))
    support_body = read_csv(exported(login("support"), PRICES, "csv"))
    assert len(support_body) > len(body)


def test_export_headers_follow_the_users_language(login):
    client = login("support")
    french = read_csv(exported(client, CENTRES, "csv"))[0]
    client.get("/lang/en")
    english = read_csv(exported(client, CENTRES, "csv"))[0]
    assert "Nom" in french and "Name" in english


def test_pdf_shows_centre_title_filters_pages_and_print_date(login):
    client = login("paris.manager")
    text = read_pdf_text(exported(client, PRICES, "pdf", "_flt_2_amount_excl_vat=50"))
    assert "Centre d'examen de Paris" in text
    assert re.search(r"Page 1 / 1", text)
    assert re.search(r"\d{2}/\d{2}/\d{4}", text)
    assert "50" in text.split("\n")[1] or "50" in text


def test_unknown_export_format_is_refused_without_an_error_page(login):
    response = login("support").get(f"{CENTRES}/export/doc", follow_redirects=True)
    assert response.status_code == 200
    assert "list-toolkit" in response.text


def test_page_size_is_capped_on_the_server(app, login):
    client = login("support")
    page = client.get(f"{PRICES}/list/?psize_PriceListView=100000")
    assert page.status_code == 200
    assert len(list_table(page.text)[1]) <= app.config["LIST_MAX_PAGE_SIZE"]
    assert "At most 100 rows per page" in page.text or "100 lignes par page" in page.text


@pytest.mark.parametrize("query", [
    "psize_PriceListView=abc", "page_PriceListView=zz", "_oc_PriceListView=nope&_od_PriceListView=asc",
    "_flt_9_product=1", "_flt_0_secret=1", "_flt_1_valid_from=notadate",
    "_flt_4_valid_until=2027-01-01..2026-01-01",
])
def test_bad_list_arguments_give_a_message_never_an_error_page(login, query):
    client = login("support")
    for base in (PRICES, AGREEMENTS):
        page = client.get(f"{base}/list/?{query}")
        assert page.status_code == 200
        export = client.get(f"{base}/export/csv?{query}")
        assert export.status_code == 200
        assert read_csv(export.get_data())[0]


def test_date_range_and_value_list_filters(login):
    client = login("support")
    # Agreements: status is an enum (FAB: equal / not equal, then "is one of" at index 2)
    _, rows = list_table(shown(client, AGREEMENTS, "_flt_2_status=APPROVED,SUBMITTED"))
    assert len(rows) == 4
    _, rows = list_table(shown(client, AGREEMENTS, "_flt_2_status=APPROVED"))
    assert len(rows) == 2
    # valid_until: equal, greater, smaller, not equal, then the range at index 4
    _, rows = list_table(shown(client, AGREEMENTS, "_flt_4_valid_until=01/01/2026..31/12/2027"))
    assert len(rows) == 2 and all("2026" in " ".join(r) for r in rows)
    csv_rows = read_csv(exported(client, AGREEMENTS, "csv",
                                 "_flt_4_valid_until=2028-01-01..&_flt_2_status=SUBMITTED"))
    assert len(csv_rows) == 3


def test_keyword_searches_the_shown_columns(login):
    client = login("support")
    _, rows = list_table(shown(client, CENTRES, "q=lyon"))
    assert len(rows) == 1 and "Lyon" in " ".join(rows[0])
    _, rows = list_table(shown(client, PRICES, "q=Lyon"))  # through the centre relation
    assert rows and all("Lyon" in " ".join(r) for r in rows)
    _, rows = list_table(shown(client, CENTRES, "q=100%25"))
    assert rows == []


def test_dates_read_day_month_year_in_french(login):
    client = login("support")
    _, rows = list_table(shown(client, AGREEMENTS))
    assert any("31/12/2026" in cell for row in rows for cell in row)
    assert any("31/12/2026" in c for row in read_csv(exported(client, AGREEMENTS, "csv"))
               for c in row)


def test_chosen_columns_and_density_persist_per_user_and_list(app, login):
    client = login("paris.manager")
    response = client.post(f"{PRICES}/prefs", data={
        "columns": ["amount_excl_vat", "product"], "density": "compact",
        "csrf_token": client.csrf})
    assert response.status_code == 302
    again = login("paris.manager")
    page = shown(again, PRICES)
    assert list_table(page)[0] == ["amount_excl_vat", "product"]
    assert 'data-density="compact"' in page
    assert read_csv(exported(again, PRICES, "csv"))[0] == list_headers(page)
    assert list_table(shown(login("paris.staff"), PRICES))[0][0] == "centre"
    assert list_table(shown(again, CENTRES))[0][0] == "code"


def test_a_column_outside_the_list_can_never_be_chosen_or_exported(login):
    client = login("paris.manager")
    response = client.post(f"{PRICES}/prefs", data={
        "columns": ["product", "version"], "csrf_token": client.csrf}, follow_redirects=True)
    assert response.status_code == 200
    assert list_table(response.text)[0][0] == "centre"
    rows = read_csv(exported(client, PRICES, "csv", "_cols=version,centre_id,product"))
    assert rows[0] == list_headers(shown(client, PRICES, "_cols=product"))


def test_unknown_density_is_refused(login):
    client = login("paris.manager")
    client.post(f"{PRICES}/prefs", data={"density": "huge", "csrf_token": client.csrf})
    assert 'data-density="normal"' in shown(client, PRICES)


def _save(client, name, share, query):
    return client.post(f"{PRICES}/saved_views/save", data={
        "name": name, "share": share, "query": query, "csrf_token": client.csrf})


def _menu(client):
    page = shown(client, PRICES)
    menu = page.split('id="saved-views-menu"', 1)[1].split("</ul>", 1)[0]
    return dict((name, int(i)) for i, name in
                re.findall(r"/saved_views/(\d+)\">([^<]+)</a>", menu))


def test_a_saved_view_reopens_its_filters_order_columns_and_page_size(login):
    client = login("paris.manager")
    _save(client, "Big prices", "private",
          "_flt_1_amount_excl_vat=50&_oc_PriceListView=amount_excl_vat&_od_PriceListView=desc"
          "&psize_PriceListView=2&_cols=amount_excl_vat,product&page_PriceListView=1")
    views = _menu(client)
    assert "Big prices" in views
    opened = client.get(f"{PRICES}/saved_views/{views['Big prices']}")
    assert opened.status_code == 302
    page = client.get(opened.headers["Location"]).text
    columns, rows = list_table(page)
    assert columns == ["amount_excl_vat", "product"]
    amounts = [float(parse_decimal(r[0], "fr")) for r in rows]  # shown 180,00 in French
    assert len(rows) == 2 and amounts == sorted(amounts, reverse=True)


def test_views_shared_with_a_centre_stay_inside_it(login):
    paris = login("paris.manager")
    _save(paris, "Paris shared", "centre", "q=CLR")
    _save(paris, "Paris private", "private", "q=CLR")
    assert _save(paris, "Paris to staff", "staff", "").status_code == 302
    staff = _menu(login("paris.staff"))
    assert "Paris shared" in staff and "Paris private" not in staff
    assert "Paris to staff" not in _menu(paris)
    lyon = login("lyon.manager")
    assert "Paris shared" not in _menu(lyon)
    hidden = _menu(paris)["Paris private"]
    response = lyon.get(f"{PRICES}/saved_views/{hidden}")
    assert "q=CLR" not in response.headers.get("Location", "")
    lyon.post(f"{PRICES}/saved_views/{hidden}/delete", data={"csrf_token": lyon.csrf})
    assert "Paris private" in _menu(paris)


def test_body_staff_share_views_with_all_staff_only(login):
    support = login("support")
    _save(support, "Staff view", "staff", "q=CIMA")
    assert "Staff view" in _menu(login("pedagogy"))
    assert "Staff view" not in _menu(login("paris.manager"))


def test_only_the_author_deletes_a_saved_view(login):
    paris = login("paris.manager")
    _save(paris, "Shared one", "centre", "")
    saved_id = _menu(paris)["Shared one"]
    staff = login("paris.staff")
    staff.post(f"{PRICES}/saved_views/{saved_id}/delete", data={"csrf_token": staff.csrf})
    assert "Shared one" in _menu(paris)
    paris.post(f"{PRICES}/saved_views/{saved_id}/delete", data={"csrf_token": paris.csrf})
    assert "Shared one" not in _menu(paris)


def test_a_column_a_role_may_not_see_is_never_shown_chosen_or_exported(app, login, monkeypatch):
    from app.security.context import current_viewer
    from app.views.reference.products import PriceListView

    def allowed(self):
        columns = list(self.list_columns)
        return columns if current_viewer().is_body else [c for c in columns if c != "vat_rate"]

    monkeypatch.setattr(PriceListView, "allowed_list_columns", allowed)
    client = login("paris.manager")
    assert "vat_rate" not in list_table(shown(client, PRICES))[0]
    assert "vat_rate" not in list_table(shown(client, PRICES, "_cols=product,vat_rate"))[0]
    client.post(f"{PRICES}/prefs", data={"columns": ["product", "vat_rate"],
                                         "csrf_token": client.csrf})
    assert "vat_rate" not in list_table(shown(client, PRICES))[0]
    header = read_csv(exported(client, PRICES, "csv", "_cols=vat_rate,product"))[0]
    assert header == ["Produit"] or header == ["Product"]
    assert "vat_rate" in list_table(shown(login("support"), PRICES))[0]


def test_a_long_pdf_is_split_into_one_table_per_page_numbered_x_of_y(login, monkeypatch):
    import io

    import pdfplumber

    from app.views.toolkit import export

    monkeypatch.setattr(export, "PDF_ROWS_PER_PAGE", 5)
    client = login("support")
    rows = list_table(shown(client, PRICES, "psize_PriceListView=100"))[1]
    assert len(rows) > 10
    data = exported(client, PRICES, "pdf")
    assert [r for r in _norm(pdf_rows(data)) if r[0] != "Centre"] == _norm(rows)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
        tables = [len(page.extract_tables()) for page in pdf.pages]
    total = len(pages)
    assert total == -(-len(rows) // 5) and tables == [1] * total
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} / {total}" in text
        assert "Tous les centres" in text or "All centres" in text
