"""The header's menu and the `may_open` answers, computed once per permission key and reused.

FAB checks `has_access` for every menu item on every page (and builds its URL and label): about
a third of a record page's time. What a viewer may see depends only on the security manager's
`permission_key(user)` (the role table's version, the user's roles read with the user on this
request, whether the account is active); the menu also depends on the language, on the
programmes of the active centre (app/views/programmes.py) and on the application's URL prefix.
So the rendered menu is kept per such key: a user whose roles change, in this process or in
any other, has a new key at their next request; a new role table (a permission sync) has a
new version. Anonymous visitors are not cached (the Public role's permissions live in the
database).
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from flask import current_app, g, render_template, request
from flask_babel import get_locale
from markupsafe import Markup

from app.views.programmes import viewer_programmes

MAX_ENTRIES = 512  # role sets × languages × programme sets: a few dozen in practice

T = TypeVar("T")


def _logged_in_user():
    user = g.get("user")
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user


def remembered(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per key for this application (the store is cleared when full)."""
    store = current_app.extensions.setdefault("examdesk.menu_cache", {})
    try:
        return store[key]
    except KeyError:
        pass
    value = compute()
    if len(store) >= MAX_ENTRIES:
        store.clear()
    store[key] = value
    return value


def navbar_menu() -> Markup:
    """The menu items of the header (appbuilder/navbar_menu.html) the viewer may open."""
    menu = current_app.appbuilder.menu

    def render() -> Markup:
        return Markup(render_template("appbuilder/navbar_menu.html", menu=menu))

    user = _logged_in_user()
    if user is None:
        return render()
    key = ("menu", current_app.appbuilder.sm.permission_key(user), str(get_locale()),
           viewer_programmes(), request.script_root, id(menu))
    return remembered(key, render)


def may_open(endpoint: str) -> bool:
    """Whether the viewer may open `endpoint` ("MissionView.convoke"): the check FAB's
    has_access makes on that method, so a page offers no button that would answer 403."""
    user = _logged_in_user()
    if user is None:
        return _may_open(endpoint)
    key = ("may_open", current_app.appbuilder.sm.permission_key(user), endpoint)
    return remembered(key, lambda: _may_open(endpoint))


def _may_open(endpoint: str) -> bool:
    view_name, _, method = endpoint.partition(".")
    view = next((v for v in current_app.appbuilder.baseviews if v.endpoint == view_name), None)
    if view is None or not method:
        return False
    name = getattr(getattr(view, method, None), "_permission_name", method)
    name = (view.method_permission_name or {}).get(method, name)
    permission = f"can_{name}"
    return permission in (view.base_permissions or ()) and current_app.appbuilder.sm.has_access(
        permission, view.class_permission_name)
