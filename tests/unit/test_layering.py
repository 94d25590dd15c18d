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


TRANSPORTS = ("views", "api", "chat")
TRANSACTION_CALLS = {"commit", "rollback", "begin", "begin_nested"}
HOOKS = {"pre_add", "pre_update", "pre_delete"}


def _transport_modules():
    for layer in TRANSPORTS:
        yield from (APP / layer).rglob("*.py")


def transaction_calls(source: str) -> list[tuple[int, str]]:
    """(line, method) of every commit/rollback/begin call in a module's source."""
    return [(node.lineno, node.func.attr) for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in TRANSACTION_CALLS]


def test_views_apis_and_socket_handlers_never_commit_or_roll_back():
    """Every write is a use-case of app/services that commits once (app/services/writes.py)."""
    offenders = [f"{path.relative_to(APP)}:{line} {name}()" for path in _transport_modules()
                 for line, name in transaction_calls(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_rules_are_not_written_as_view_or_api_hooks():
    """FAB's pre_add/pre_update/pre_delete are never called: a model's rules are its
    Resource's before_* methods, shared by its screen and its API."""
    offenders = []
    for path in _transport_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name in HOOKS:
                offenders.append(f"{path.relative_to(APP)}:{node.lineno} {node.name}")
    assert offenders == []


def test_a_commit_or_rollback_in_a_transport_would_be_found():
    source = ("def save(db):\n    try:\n        db.session.commit()\n    except Exception:\n"
              "        db.session.rollback()\n")
    assert transaction_calls(source) == [(3, "commit"), (5, "rollback")]
