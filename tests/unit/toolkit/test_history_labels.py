"""A record's history never shows a column the screen does not label: FAB makes up an English
label for it ("Request First Name"), which read as a raw field name in a French page (the crawl
found it on a conversation's and a stock entry's creation)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.models.messaging import Conversation
from app.views.toolkit.history import present_changes


def test_a_column_with_a_made_up_label_is_left_out_and_a_labelled_one_is_shown():
    labels = {"title": _l("Title"), "request_first_name": "Request First Name"}
    changes = {"title": [None, "Demande de compte : Lucie Garnier"],
               "request_first_name": [None, "Lucie"]}
    rows = present_changes(Conversation, changes, labels)
    assert [(row.label, row.after) for row in rows] == [("Title", "Demande de compte : Lucie Garnier")]


def test_a_column_the_screen_does_not_know_is_left_out():
    rows = present_changes(Conversation, {"request_email": [None, "a@b.fr"]}, {})
    assert rows == []


def test_a_label_chosen_by_the_screen_is_kept_even_when_it_looks_generated():
    rows = present_changes(Conversation, {"title": ["A", "B"]}, {"title": _l("Title")})
    assert [(row.label, row.before, row.after) for row in rows] == [("Title", "A", "B")]
