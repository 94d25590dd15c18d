"""Generic documents uploaded by body staff for every centre's sessions of a product."""
from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.models.sessions import GenericDocument
from app.services.sessions.resources import GENERIC_DOCUMENTS
from app.views.base import DocumentMixin, ExamModelView


class GenericDocumentView(DocumentMixin, ExamModelView):
    datamodel = SQLAInterface(GenericDocument)
    resource = GENERIC_DOCUMENTS
    list_title = _l("Generic documents")
    show_title = _l("Generic document")
    add_title = _l("Add a generic document")
    edit_title = _l("Edit the generic document")
    label_columns = {"product": _l("Product"), "title": _l("Title"), "doc_type": _l("Type"),
                     "recipient": _l("Recipient"), "copies": _l("Number of copies"),
                     "document": _l("File")}
    list_columns = ["product", "title", "doc_type", "recipient", "copies"]
    show_columns = ["product", "title", "doc_type", "recipient", "copies", "document"]
    add_columns = edit_columns = ["product", "title", "doc_type", "recipient", "copies",
                                  "document"]
    search_columns = ["product", "title", "doc_type", "recipient"]
    formatters_columns = {"document": lambda v: _("Attached") if v else "—"}
