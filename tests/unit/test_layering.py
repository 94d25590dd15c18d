"""Dependencies point one way: views, api, chat, cli -> services -> models."""
import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
FORBIDDEN_IN_SERVICES = ("app.views", "app.api", "app.chat", "app.cli", "flask_socketio")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            if node.module == "flask":
                names |= {f"flask.{a.name}" for a in node.names}
    return names


def test_services_never_import_the_web_layer():
    offenders = {}
    for path in (APP / "services").rglob("*.py"):
        bad = {n for n in _imports(path)
               if n.startswith(FORBIDDEN_IN_SERVICES) or n == "flask.request"}
        if bad:
            offenders[path.name] = bad
    assert offenders == {}


def test_models_never_import_services_or_views():
    offenders = {}
    for path in (APP / "models").rglob("*.py"):
        bad = {n for n in _imports(path) if n.startswith(("app.services", "app.views", "app.api"))}
        if bad:
            offenders[path.name] = bad
    assert offenders == {}


def test_every_module_opens_with_a_docstring():
    missing = [str(p.relative_to(APP)) for p in APP.rglob("*.py")
               if p.stat().st_size and ast.get_docstring(ast.parse(p.read_text())) is None
               and "migrations" not in p.parts]
    assert missing == []
