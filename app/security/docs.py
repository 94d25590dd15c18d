"""docs/permissions.md, generated from the registered views and the role declarations."""
from __future__ import annotations

from app.security.roles import ADMIN, ROLES, permission_matrix


def render_permissions_markdown(appbuilder) -> str:
    matrix = permission_matrix()
    views = {}
    for view in appbuilder.baseviews:
        name = view.class_permission_name
        for perm in sorted(getattr(view, "base_permissions", None) or []):
            views.setdefault(name, set()).add(perm)
    for (view, perm) in matrix:
        views.setdefault(view, set()).add(perm)
    lines = [
        "# Permissions (role × screen × permission)",
        "",
        "Generated from `app/security/roles.py` and the registered views by",
        "`flask --app run docs permissions`; a test fails when this file is out of date.",
        f"`{ADMIN}` holds every permission. ✔ = granted.",
        "",
        "| screen | permission | " + " | ".join(r for r in ROLES if r != ADMIN) + " |",
        "|---|---|" + "---|" * (len(ROLES) - 1),
    ]
    for view in sorted(views):
        for perm in sorted(views[view]):
            holders = matrix.get((view, perm), set())
            cells = ["✔" if r in holders else "" for r in ROLES if r != ADMIN]
            lines.append(f"| {view} | {perm} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
