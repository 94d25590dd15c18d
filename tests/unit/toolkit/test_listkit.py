"""The pure rules of the list toolkit: columns, page size, filters, saved queries."""
from __future__ import annotations

from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from app.services.toolkit import listkit, listprefs


def test_columns_keep_the_requested_order_and_refuse_unknown_ones():
    kept, refused = listkit.validate_columns(["city", "name", "secret", "city", ""],
                                             ["code", "name", "city"])
    assert kept == ["city", "name"]
    assert refused == ["secret"]


@pytest.mark.parametrize("raw,expected", [(None, None), ("", None), ("25", 25), ("100", 100)])
def test_page_size_within_the_cap_is_accepted(raw, expected):
    assert listkit.parse_page_size(raw, 100) == (expected, None)


def test_page_size_above_the_cap_is_capped_with_a_message():
    size, message = listkit.parse_page_size("5000", 100)
    assert size == 100 and message is not None


@pytest.mark.parametrize("raw", ["abc", "0", "-3", "1e9"])
def test_bad_page_size_falls_back_to_the_default_with_a_message(raw):
    size, message = listkit.parse_page_size(raw, 100)
    assert size is None and message is not None


def test_dates_read_in_iso_and_french_forms():
    assert listkit.parse_date("2026-11-24") == date(2026, 11, 24)
    assert listkit.parse_date("24/11/2026") == date(2026, 11, 24)
    assert listkit.parse_date("31/02/2026") is None
    assert listkit.parse_date("soon") is None


def test_date_ranges_may_be_open_but_not_reversed():
    assert listkit.parse_range(["2026-01-01..2026-12-31"]) == (date(2026, 1, 1),
                                                              date(2026, 12, 31))
    assert listkit.parse_range(["01/01/2026", ""]) == (date(2026, 1, 1), None)
    assert listkit.parse_range(["..2026-12-31"]) == (None, date(2026, 12, 31))
    assert listkit.parse_range(["2026-12-31..2026-01-01"]) is None
    assert listkit.parse_range(["x..y"]) is None


def test_value_lists_accept_repeats_and_commas():
    assert listkit.split_values(["a, b", "c", " "]) == ["a", "b", "c"]


def test_filter_arguments_outside_the_search_filters_are_refused():
    args = MultiDict([("_flt_0_name", "P"), ("_flt_9_name", "x"), ("_flt_0_secret", "y"),
                      ("_flt_1_status", "a"), ("_flt_1_status", "b"), ("other", "z")])
    parsed = listkit.parse_filter_args(args, {"name": 3, "status": 2})
    assert ("name", 0, ["P"]) in parsed.items
    assert ("status", 1, ["a", "b"]) in parsed.items
    assert sorted(parsed.refused) == ["name", "secret"]


def test_saved_views_keep_only_the_list_arguments():
    query = "_flt_0_name=P&_oc_CentreView=name&_od_CentreView=desc&psize_CentreView=50" \
            "&q=ly&_cols=name,city&page_CentreView=3&next=http://evil"
    kept = listprefs.clean_query(query)
    assert "page_CentreView" not in kept and "evil" not in kept
    for part in ("_flt_0_name=P", "_oc_CentreView=name", "psize_CentreView=50", "q=ly",
                 "_cols=name%2Ccity"):
        assert part in kept


def test_enum_cells_show_the_translated_label_whatever_form_fab_hands_them():
    from flask_babel import force_locale

    from app.models.centres import AgreementStatus
    from app.views.toolkit.format import enum_formatter

    show = enum_formatter(AgreementStatus)
    with force_locale("en"):
        assert [show("approved"), show(AgreementStatus.EXPIRED), show("SUBMITTED"),
                show(None)] == ["Approved", "Expired", "Submitted", ""]
