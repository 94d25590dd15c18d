"""The header's menu and the page buttons are computed once per role set and language
(app/views/menu.py), and never show what a user's role no longer permits."""
from __future__ import annotations

import re

import pytest
from flask_appbuilder.security.sqla.models import Role
from sqlalchemy import select

from app.cli import sync_security
from app.models.centres import ExamUser

MENU = re.compile(r'<ul class="nav navbar-nav">(.*?)</ul>\s*<ul class="nav navbar-nav navbar-right">',
                  re.S)
LINK = re.compile(r'<a tabindex="-1" href="([^"]+)">')
SETTINGS = "/centre-settings/"


def menu_links(client, path: str = "/") -> set[str]:
    response = client.get(path)
    assert response.status_code == 200, path
    return set(LINK.findall(MENU.search(response.text).group(1)))


def menu_text(client) -> str:
    return MENU.search(client.get("/").text).group(1)


def set_role(db_session, username: str, role: str) -> None:
    """Change the user's role in the database only, as an administrator's edit in another
    process would: nothing in this process is told."""
    user = db_session.scalar(select(ExamUser).where(ExamUser.username == username))
    user.roles = [db_session.scalar(select(Role).where(Role.name == role))]
    db_session.commit()


def first_mission(client) -> str:
    listing = client.get("/missionview/list/").text
    return re.search(r"/missionview/show/\d+", listing).group(0)


@pytest.fixture()
def role_table(app):
    """Take permissions from a role through the permission sync; the table is restored after."""
    original = app.config["FAB_ROLES"]

    def take(role: str, *pairs: tuple[str, str]) -> None:
        table = {name: [list(p) for p in perms] for name, perms in original.items()}
        table[role] = [p for p in table[role] if tuple(p) not in pairs]
        app.config["FAB_ROLES"] = table
        with app.app_context():
            sync_security()

    yield take
    app.config["FAB_ROLES"] = original
    with app.app_context():
        app.appbuilder.sm.reload_roles()


def test_menu_is_the_same_as_a_fresh_users_of_that_role(login_as, db_session):
    manager = login_as("paris.manager")
    staff_links = menu_links(login_as("paris.staff"))
    before = menu_links(manager)
    assert SETTINGS in before and SETTINGS not in staff_links
    assert before > staff_links
    menu_links(manager)  # served from the cache this time

    set_role(db_session, "paris.manager", "CentreStaff")
    assert menu_links(manager) == staff_links

    set_role(db_session, "paris.manager", "CentreManager")
    assert menu_links(manager) == before


def test_permission_taken_from_a_role_leaves_its_menu_and_buttons(login_as, role_table):
    manager = login_as("paris.manager")
    mission = first_mission(manager)
    before = menu_links(manager)
    assert 'id="chat-new-link"' in manager.get(mission).text
    assert re.search(r"/missionview/convoke/\d+", manager.get(mission).text)

    role_table("CentreManager", ("Centre settings", "menu_access"), ("MissionView", "can_convoke"))

    assert menu_links(manager) == before - {SETTINGS}
    page = manager.get(mission).text
    assert not re.search(r"/missionview/convoke/\d+", page)
    assert re.search(r"/missionview/download_all/\d+", page)  # the other buttons stay
    assert manager.get(mission.replace("show", "convoke")).status_code == 403


def test_menu_follows_the_language(login_as):
    manager = login_as("paris.manager")
    manager.get("/language/fr")
    french = menu_text(manager)
    manager.get("/language/en")
    english = menu_text(manager)
    assert "Candidates" in english and "Candidats" not in english
    assert "Candidats" in french and "Candidates" not in french


def test_menu_checks_no_permission_once_cached(app, login_as, monkeypatch):
    manager = login_as("paris.manager")
    manager.get("/")
    sm = app.appbuilder.sm
    checks = []
    original = sm.has_access

    def counting(permission, view):
        checks.append((permission, view))
        return original(permission, view)

    monkeypatch.setattr(sm, "has_access", counting)
    assert SETTINGS in menu_links(manager)
    assert not [c for c in checks if c[0] == "menu_access"]
