"""Help per screen in both languages, the generic help of screens without their own page, the
site map of the role, and the language switch coming back to the same page."""
import pytest
from flask_appbuilder.api import BaseApi

from app.views.help.pages import HELP_PAGES

SCREEN_VIEWS_WITHOUT_PAGES = {"UtilView", "LocaleView", "LanguageView", "ExamAuthDBView",
                              "AccountView", "PasswordView", "MenuApi"}


def switch(client, lang):
    return client.get(f"/language/{lang}?next=/")


def test_every_registered_screen_has_its_own_help_page(app):
    names = {v.endpoint for v in app.appbuilder.baseviews if not isinstance(v, BaseApi)}
    missing = names - set(HELP_PAGES) - SCREEN_VIEWS_WITHOUT_PAGES
    assert missing == set()


@pytest.mark.parametrize("name", sorted(HELP_PAGES))
def test_the_help_page_reads_in_french_and_in_english(login_as, name):
    client = login_as("admin")
    french = client.get(f"/help/page/{name}")
    assert french.status_code == 200
    assert "Aide —" in french.text
    switch(client, "en")
    english = client.get(f"/help/page/{name}")
    assert english.status_code == 200
    assert "Help —" in english.text and "Aide —" not in english.text
    assert '<html lang="en">' in english.text


def test_a_screen_without_its_own_page_gets_a_generic_help_naming_it(login_as, monkeypatch):
    monkeypatch.delitem(HELP_PAGES, "PriceListView")
    response = login_as("support").get("/help/page/PriceListView")
    assert response.status_code == 200
    assert "Aide — Tarifs" in response.text
    assert "Cet écran fait partie d'ExamDesk" in response.text


def test_an_unknown_screen_has_no_help_page(login_as):
    assert login_as("support").get("/help/page/NoSuchView").status_code == 404


def test_the_header_help_link_points_to_the_current_screen(login_as):
    page = login_as("support").get("/centreview/list/")
    assert 'href="/help/page/CentreView"' in page.text


def test_the_site_map_lists_the_screens_of_a_centre_manager(login_as):
    manager = login_as("paris.manager").get("/help/").text
    assert "Paramètres centre" in manager and "Tarifs" in manager
    assert "Journal d&#39;audit" not in manager and "Journal d'audit" not in manager


def test_the_site_map_leaves_out_what_centre_staff_may_not_use(login_as):
    staff = login_as("paris.staff").get("/help/").text
    assert "Paramètres centre" not in staff
    assert "Tarifs" in staff and "Accessibilité" in staff


def test_the_language_switch_comes_back_to_the_page(login_as):
    client = login_as("support")
    response = client.get("/language/en?next=/centreview/list/?page_CentreView=0")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/centreview/list/?page_CentreView=0")
    assert "Search" in client.get("/centreview/list/").text


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil", ""])
def test_the_language_switch_never_leaves_the_site(client, target):
    response = client.get("/language/en", query_string={"next": target})
    assert response.status_code == 302
    assert response.headers["Location"] in ("/", "http://localhost/")


def test_an_unknown_language_is_refused(client):
    assert client.get("/language/de?next=/").status_code == 404


def test_the_site_map_links_each_screen_to_its_help(login_as):
    page = login_as("support").get("/help/").text
    assert 'href="/help/page/PriceListView"' in page
    assert 'href="/help/page/CentreView"' in page
