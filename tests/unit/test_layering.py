"""The architecture holds (docs/architecture.md): dependencies point views/api/chat/cli/jobs →
services → models, no import cycle (function-level imports counted), no module over 400 lines,
each shared document mechanism lives once in the document kernel."""
import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

from flask_appbuilder import ModelRestApi, ModelView

APP = Path(__file__).resolve().parents[2] / "app"
WEB = ("app.views", "app.api", "app.chat", "app.cli", "app.jobs", "app.demo")
FORBIDDEN_IN_SERVICES = (*WEB, "flask_socketio", "socketio")
# The document builders of each domain call services; the kernel modules call nothing of ours.
DOCUMENT_BUILDERS = ("app.documents.sessions", "app.documents.candidates",
                     "app.documents.requests", "app.documents.certifications",
                     "app.documents.missions")
KERNEL = {"csv.writer": "app/documents/tables.py", "openpyxl.Workbook": "app/documents/tables.py",
          "xhtml2pdf": "app/documents/pdf.py", "pypdf": "app/documents/pdf.py",
          "zipfile.ZipFile": "app/documents/archive.py",
          '"Content-Disposition"': "app/documents/files.py"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in APP.rglob("*.py"):
        parts = path.relative_to(APP.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _resolve(module: str, node, is_package: bool) -> set[str]:
    """The modules of app/ an import statement names (the longest existing dotted prefix)."""
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        base = node.module or ""
        if node.level:
            parts = module.split(".")[: None if is_package else -1]
            parts = parts[: len(parts) - (node.level - 1)]
            base = ".".join(parts + ([base] if base else []))
        submodules = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES]
        # `from package import module` imports that module; `from module import name`, it
        names = submodules if len(submodules) == len(node.names) else [*submodules, base]
    resolved = set()
    for name in names:
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name and name != module:
            resolved.add(name)
    return resolved


def _type_checking_only(tree) -> set[int]:
    """Line numbers of imports under `if TYPE_CHECKING:` (annotations only, never run)."""
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            lines |= {n.lineno for n in ast.walk(node) if isinstance(n, (ast.Import,
                                                                         ast.ImportFrom))}
    return lines


def import_graph() -> dict[str, set[str]]:
    """Module → the app modules it imports, at module level or inside functions alike."""
    graph = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _type_checking_only(tree)
        graph[name] = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and node.lineno not in skipped:
                graph[name] |= _resolve(name, node, path.name == "__init__.py")
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


def test_there_is_no_import_cycle_in_app():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    tree = ast.parse("def f():\n    from app.views import base\n")
    node = next(n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom))
    assert _resolve("app.services.clock", node, False) == {"app.views.base"}


def test_imports_inside_functions_say_why():
    """Imports belong at the top; a lazy one keeps a comment giving its reason."""
    unexplained = []
    for name, path in MODULES.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        for func in ast.walk(tree):
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(func):
                if isinstance(node, (ast.Import, ast.ImportFrom)) and not (
                        "#" in lines[node.lineno - 1]
                        or lines[node.lineno - 2].strip().startswith("#")):
                    unexplained.append(f"{name}:{node.lineno}")
    assert unexplained == []


def test_services_never_import_the_web_layer():
    offenders = {}
    for name, path in MODULES.items():
        if not name.startswith("app.services"):
            continue
        bad = {n for n in _imported_names(path)
               if n.startswith(FORBIDDEN_IN_SERVICES + DOCUMENT_BUILDERS) or n == "flask.request"}
        if bad:
            offenders[name] = bad
    assert offenders == {}


def test_models_import_no_service_view_or_transport():
    offenders = {}
    for name, path in MODULES.items():
        if name.startswith("app.models"):
            bad = {n for n in _imported_names(path)
                   if n.startswith(("app.services", "app.documents") + WEB)}
            if bad:
                offenders[name] = bad
    assert offenders == {}


def test_the_document_kernel_imports_nothing_of_the_domains():
    offenders = {}
    for name, path in MODULES.items():
        if name.startswith("app.documents") and name not in DOCUMENT_BUILDERS:
            bad = {n for n in _imported_names(path) if n.startswith("app.")
                   and not n.startswith("app.documents")}
            if bad:
                offenders[name] = bad
    assert offenders == {}


def test_each_document_mechanism_lives_once_in_the_kernel():
    """PDF rendering, CSV and xlsx writing, zip streaming and the Content-Disposition header
    are written in one module each; every feature calls them."""
    offenders = []
    for path in MODULES.values():
        text = path.read_text(encoding="utf-8")
        names = _imported_names(path)
        rel = str(path.relative_to(APP.parent))
        for mark, home in KERNEL.items():
            used = mark in text if mark.startswith('"') else (
                mark in names or (mark == "csv.writer" and "csv.writer(" in text)
                or (mark == "zipfile.ZipFile" and "ZipFile(" in text and '"w"' in text))
            if used and rel != home:
                offenders.append(f"{rel}: {mark}")
    assert offenders == []


def test_every_module_opens_with_a_docstring():
    missing = [str(p.relative_to(APP)) for p in APP.rglob("*.py")
               if p.stat().st_size and ast.get_docstring(ast.parse(p.read_text())) is None]
    assert missing == []


def test_no_module_in_app_is_over_400_lines():
    long = {str(p.relative_to(APP)): n for p in APP.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


def _classes(package: str):
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, f"{package}."):
        module = importlib.import_module(info.name)
        yield from (c for _, c in inspect.getmembers(module, inspect.isclass)
                    if c.__module__ == module.__name__)


def test_every_crud_view_and_rest_resource_derives_from_the_base():
    from app.api.base import ExamModelRestApi
    from app.views.base import ExamModelView

    views = [c for c in _classes("app.views") if issubclass(c, ModelView)]
    apis = [c for c in _classes("app.api") if issubclass(c, ModelRestApi)]
    assert len(views) > 20 and len(apis) > 8
    assert [c.__name__ for c in views if not issubclass(c, ExamModelView)] == []
    assert [c.__name__ for c in apis if not issubclass(c, ExamModelRestApi)] == []


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
