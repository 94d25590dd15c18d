"""The sentences that close many help pages (lists, forms)."""
from flask_babel import lazy_gettext as _l

LIST_TIP = _l("Use the filters to narrow the list and the column headers to sort it.")
FORM_TIP = _l("Fields marked with an asterisk are required. When a field is missing or wrong, "
              "the message names it and nothing is saved.")
