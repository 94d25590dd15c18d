"""Browser helpers of the i18n/accessibility tests: axe-core injection, visible-text language
checks, and a live server whose inactivity delays are short."""
from __future__ import annotations

import re
import tempfile
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.browser.conftest import _free_port
from tests.conftest import build_app, migrate_and_load

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}

# Words of the interface (not of the demo data) that must not show in the other language.
ENGLISH_WORDS = ["Search", "Add Filter", "Record Count", "No records found", "Edit", "Delete",
                 "Back", "Save", "Home", "Help", "Log out", "Site map", "Refresh", "Previous",
                 "Next", "Sign In", "Username", "Password", "Centre settings", "Price lists",
                 "Test components", "Products", "Reference data", "Accessibility",
                 "Agreements and contracts", "Audit log", "List", "Show", "Add", "Name",
                 "Status", "Created on", "Forgot your password"]
FRENCH_WORDS = ["Aide", "Accueil", "Référentiel", "Produits", "Tarifs", "Agréments",
                "Rechercher", "Enregistrer", "Se déconnecter", "Plan du site", "Paramètres",
                "Ajouter", "Modifier", "Supprimer", "Filtre", "Liste", "Accessibilité",
                "Identifiant", "Mot de passe", "Statut", "Nom", "Retour", "Épreuves",
                "Journal", "Se connecter"]


def foreign_words(text: str, words: list[str]) -> list[str]:
    """The words of `words` found as whole words in `text`."""
    return [w for w in words if re.search(rf"(?<![\w'’]){re.escape(w)}(?![\w'’])", text)]


def axe_violations(page) -> list[dict]:
    """Serious and critical axe-core violations of the page, as {id, impact, help, targets}."""
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `make browser-deps` (npm install)")
    # Evaluated, not added as a <script> tag: the pages' CSP refuses inline scripts.
    page.evaluate(AXE.read_text() + "\n;0")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in BLOCKING]


@pytest.fixture(scope="session")
def idle_live_server():
    """A second live server: 20-second sessions, warning 14 seconds before the end."""
    path = Path(tempfile.mkdtemp(prefix="examdesk-idle-")) / "idle.db"
    app = build_app(f"sqlite:///{path}", PERMANENT_SESSION_LIFETIME=timedelta(seconds=20),
                    IDLE_WARNING_SECONDS=14)
    migrate_and_load(app)
    port = _free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield type("Live", (), {"url": f"http://127.0.0.1:{port}", "app": app})
    server.shutdown()
    path.unlink(missing_ok=True)
