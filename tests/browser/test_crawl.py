"""The crawl guard: every menu page plus the first record, add and edit page of each list, as
each demo role, in French and in English, with no script error, raw value, English calendar or
server-error text in French, link to an error page, or serious accessibility violation."""
import os

import pytest
from flask_babel import force_locale

from app.models.base import LabelledEnum
from tests.browser.crawl import Crawl, Shared, crawl_role

ROLES = ["admin", "support", "pedagogy", "manager", "paris.manager", "paris.staff",
         "paris.evaluator"]
LANGUAGES = ["fr", "en"]
DEMO_USERNAMES = {"manager", "support", "pedagogy", "admin"}


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def raw_enum_values(app, language: str) -> set[str]:
    """Stored enum values that differ from what people must read in `language` (lower-case
    keys such as "pending"; upper-case ones such as "CLR" are also product codes)."""
    with app.test_request_context(), force_locale(language):
        return {m.value for e in _subclasses(LabelledEnum) for m in e
                if str(m.label) != m.value and m.value != m.value.upper()} - DEMO_USERNAMES


@pytest.fixture(scope="module")
def shared():
    return Shared()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_the_role_holds(browser, live_server, shared, role, language):
    locale = "fr-FR" if language == "fr" else "en-GB"
    context = browser.new_context(base_url=live_server.url, locale=locale)
    # axe and the link check run on the French walk; the English one has the same markup.
    crawl = Crawl(live_server.url, role, language, raw_enum_values(live_server.app, language),
                  shared, run_axe=language == "fr", check_links=language == "fr")
    try:
        crawl_role(context, crawl)
    finally:
        context.close()
    if os.environ.get("CRAWL_REPORT"):
        with open(os.environ["CRAWL_REPORT"], "a") as report:
            report.write("\n".join(crawl.problems) + "\n")
            report.write(f"{role}/{language}: {len(crawl.visited)} pages, "
                         f"{len(crawl.links)} links\n")
    assert crawl.problems == []
