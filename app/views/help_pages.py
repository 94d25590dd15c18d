"""Help texts of each screen, keyed by the view name (French and English through gettext)."""
from flask_babel import lazy_gettext as _l

HELP_PAGES = {
    "HomeView": {
        "title": _l("Home"),
        "body": [_l("The home page summarises what needs your attention: your centres, "
                    "pending agreements and renewal requests.")],
    },
    "CentreView": {
        "title": _l("Centres"),
        "body": [_l("The list shows the centres you may see. Staff see every centre; a centre "
                    "user sees only their active centre."),
                 _l("Use the filters to narrow the list and the column headers to sort it.")],
    },
    "ProductView": {
        "title": _l("Products"),
        "body": [_l("A product is a test (TEF Canada, DFP…) with its test components. A modular "
                    "product is priced per test component.")],
    },
    "TestComponentView": {
        "title": _l("Test components"),
        "body": [_l("The test components (CE, CO, EE, EO…) of each product, in their order.")],
    },
    "PriceListView": {
        "title": _l("Price lists"),
        "body": [_l("A centre's prices per product, excluding VAT, with the VAT rate. They are "
                    "the default of the centre's next sessions.")],
    },
    "AgreementView": {
        "title": _l("Agreements and contracts"),
        "body": [_l("A centre requests an agreement; the body approves or rejects it. When an "
                    "agreement comes to its end, the centre requests its renewal.")],
    },
    "CentreSettingsView": {
        "title": _l("Centre settings"),
        "body": [_l("Keep your centre's address, billing address and manager contact up to "
                    "date. Each missing or wrong field is named when you save.")],
    },
    "UserDBModelView": {
        "title": _l("Users"),
        "body": [_l("Accounts are created by staff; the user receives an e-mail with a link to "
                    "choose their password.")],
    },
}

# --- certs ---
from app.views.help_certs import CERT_HELP_PAGES  # noqa: E402

HELP_PAGES.update(CERT_HELP_PAGES)
# --- end certs ---
