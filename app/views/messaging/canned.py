"""Canned replies, managed by Support in French and English (inserted from the composer)."""
from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from app.models.messaging import CannedReply
from app.services.messaging.canned import CANNED_REPLIES
from app.views.base import ExamModelView

LANGUAGE_LABELS = {"fr": _l("French"), "en": _l("English")}


class CannedReplyView(ExamModelView):
    datamodel = SQLAInterface(CannedReply)
    resource = CANNED_REPLIES
    list_title = _l("Canned replies")
    show_title = _l("Canned reply")
    add_title = _l("Add a canned reply")
    edit_title = _l("Edit the canned reply")
    label_columns = {"shortcut": _l("Shortcut"), "language": _l("Language"),
                     "title": _l("Title"), "body": _l("Text")}
    description_columns = {
        "shortcut": _l('Typed after "/" in the message box, e.g. /welcome.'),
        "body": _l("Variables: {centre}, {session}, {candidate} (filled from the conversation)."),
    }
    list_columns = ["shortcut", "language", "title"]
    show_columns = add_columns = edit_columns = ["shortcut", "language", "title", "body"]
    search_columns = ["shortcut", "language", "title", "body"]
    base_order = ("shortcut", "asc")
    add_form_extra_fields = edit_form_extra_fields = {
        "language": SelectField(_l("Language"), choices=list(LANGUAGE_LABELS.items()))}
    formatters_columns = {"language": lambda v: str(LANGUAGE_LABELS.get(v, v or ""))}
