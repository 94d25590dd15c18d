"""The crawl of the browser guards: every menu page, and the first record, add and edit page of
each list, visited once per role and language; each page is checked for script errors, raw
values, English calendar or server-error text in French, links to error pages and serious
accessibility violations. Used by tests/browser/test_crawl.py."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tests.browser.conftest import login
from tests.browser.conftest_i18n import AXE, BLOCKING

SKIP = re.compile(r"/(logout|language|lang)/|/delete/|/action|/export/|/download|/document/|"
                  r"/codes/(pdf|xlsx)|/pdf\b|\.pdf$|\.zip$|\.xlsx$|\.csv$|/swagger|/api/|"
                  r"/zip|/file/|/attachment|/photo|/signature/\d|/ics|/template")
LIST_PAGE = re.compile(r"/list/?$")
RAW_PATTERNS = [
    (re.compile(r"(?<![\w-])None(?![\w-])"), "None"),
    (re.compile(r"\[\]"), "[]"),
    (re.compile(r"__None"), "__None"),
    (re.compile(r"\[(?:'|\")?[A-Z][A-Za-z]+(?:'|\")?(?:, (?:'|\")?[A-Z][A-Za-z]+(?:'|\")?)*\]"),
     "a Python list"),
    (re.compile(r"<[\w.]+ object at 0x[0-9a-f]+>|<[A-Z]\w+ \d+>"), "a Python repr"),
    (re.compile(r"\b[A-Z][a-zA-Z]+\.[A-Z][A-Z_]{2,}\b"), "an enum key"),
    (re.compile(r"\b(?:[A-Z][a-z]+ )+Id\b"), "a raw field name"),
]
# What FAB's English bootstrap-datepicker, Werkzeug and Flask show; never on a French page.
ENGLISH_SCREENS = ["Su Mo Tu", "Mo Tu We", "January", "February", "March", "April", "June",
                   "July", "August", "September", "October", "November", "December",
                   "Not Found", "Forbidden", "Internal Server Error", "Method Not Allowed",
                   "Bad Request", "The requested URL", "Select a State", "Traceback",
                   "Unauthorized", "CSRF token"]

COLLECT_JS = """() => {
  const links = Array.from(document.querySelectorAll('a[href]')).map(a => a.href);
  const menu = Array.from(document.querySelectorAll('nav.examdesk-header a[href]'))
      .map(a => a.href);
  const cells = Array.from(document.querySelectorAll(
      'main td, main dd, main li, main option:checked, main .label, main time'))
      .filter(e => e.children.length === 0).map(e => e.textContent.trim())
      .filter(t => t.length > 0 && t.length < 80);
  const rows = document.querySelectorAll('table tbody tr a[href*="/show/"]');
  const edits = document.querySelectorAll('table tbody tr a[href*="/edit/"]');
  const adds = document.querySelectorAll('a[href$="/add"], a[href*="/add?"]');
  return {links, menu, cells, text: document.body.innerText,
          first_show: rows.length ? rows[0].href : null,
          first_edit: edits.length ? edits[0].href : null,
          add: adds.length ? adds[0].href : null};
}"""


@dataclass
class Shared:
    """What the walks of every role share: a page kind (path pattern) is checked by axe once,
    and a record page (show, add, edit) once per language, whoever reaches it first."""

    axed: set[str] = field(default_factory=set)
    records: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class Crawl:
    """The pages one role visits in one language and the problems found on them."""

    base_url: str
    role: str
    language: str
    raw_enum_values: set[str]
    shared: Shared
    run_axe: bool = True
    check_links: bool = True  # the French walk of each role; links are the same in English
    problems: list[str] = field(default_factory=list)
    visited: set[str] = field(default_factory=set)
    links: dict[str, str] = field(default_factory=dict)  # link pattern -> (first) page it is on

    def problem(self, page_url: str, text: str) -> None:
        self.problems.append(f"[{self.role}/{self.language}] {urlsplit(page_url).path}: {text}")


def path_pattern(url: str) -> str:
    """One link per kind: numbers replaced, query values dropped (sorting and paging links of
    lists are walked by the 500 walk of the security tests)."""
    parts = urlsplit(url)
    keys = sorted({k.split("=")[0] for k in parts.query.split("&") if k})
    keys = [k for k in keys if not re.match(r"_(oc|od)_|page_|psize_", k)]
    return re.sub(r"/\d+", "/N", parts.path) + ("?" + "&".join(keys) if keys else "")


def _local(base_url: str, url: str) -> bool:
    return url.startswith(base_url) and not SKIP.search(urlsplit(url).path) and "#" not in url


def check_page(crawl: Crawl, page, url: str, errors: list[str]) -> dict | None:
    """Visit `url` once; record its problems; return what the page links to."""
    errors.clear()
    response = page.goto(url, wait_until="load")
    if response is None or response.status >= 400:
        crawl.problem(url, f"answers {response.status if response else 'nothing'}")
        return None
    found = page.evaluate(COLLECT_JS)
    for error in errors:
        crawl.problem(url, f"script error: {error}")
    text = found["text"]
    for pattern, name in RAW_PATTERNS:
        match = pattern.search(text)
        if match:
            crawl.problem(url, f"raw value ({name}): …{text[max(0, match.start() - 40):match.end() + 20]!r}")
    raw = sorted({c for c in found["cells"] for part in c.split(" → ")
                  if part.strip() in crawl.raw_enum_values})
    if raw:
        crawl.problem(url, f"raw enum values: {raw[:5]}")
    if crawl.language == "fr":
        english = [w for w in ENGLISH_SCREENS if re.search(rf"\b{re.escape(w)}\b", text)]
        if english:
            crawl.problem(url, f"English text on a French page: {english}")
    pattern = path_pattern(url)
    if crawl.run_axe and pattern not in crawl.shared.axed:
        crawl.shared.axed.add(pattern)
        for violation in axe_violations(page):
            crawl.problem(url, f"axe {violation}")
    for link in found["links"]:
        if _local(crawl.base_url, link):
            crawl.links.setdefault(path_pattern(link), link)
    return found


def axe_violations(page) -> list[str]:
    # Evaluated, not added as a <script> tag: the pages' CSP refuses inline scripts.
    page.evaluate(AXE.read_text() + "\n;0")
    result = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
        .violations.map(v => ({id: v.id, impact: v.impact,
                               targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""")
    return [f"{v['id']} ({v['impact']}) at {v['targets']}" for v in result
            if v["impact"] in BLOCKING]


def crawl_role(context, crawl: Crawl, password: str | None = None) -> Crawl:
    """Log in, walk the menu pages and the first show, add and edit page of each list, then
    request every link pattern met once and fail on 4xx/5xx."""
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    if password:
        login(page, crawl.role, password)
    else:
        login(page, crawl.role)
    if crawl.language != "fr":
        page.goto(f"/language/{crawl.language}?next=/")
    queue = [crawl.base_url + "/"]
    menu_done = False
    while queue:
        url = queue.pop(0)
        key = url.split("#")[0]
        if key in crawl.visited:
            continue
        crawl.visited.add(key)
        found = check_page(crawl, page, url, errors)
        if found is None:
            continue
        if not menu_done:
            menu_done = True
            queue.extend(u for u in found["menu"] if _local(crawl.base_url, u)
                         and (crawl.language == "fr" or _first_of_kind(crawl, u)))
        if LIST_PAGE.search(urlsplit(url).path):
            queue.extend(u for u in (found["first_show"], found["first_edit"], found["add"])
                         if u and _local(crawl.base_url, u) and _first_of_kind(crawl, u))
    if crawl.check_links:
        check_links(context, crawl)
    page.close()
    return crawl


def _first_of_kind(crawl: Crawl, url: str) -> bool:
    seen = crawl.shared.records.setdefault(crawl.language, set())
    pattern = path_pattern(url)
    if pattern in seen:
        return False
    seen.add(pattern)
    return True


def check_links(context, crawl: Crawl) -> None:
    for _pattern, link in sorted(crawl.links.items()):
        if link.split("#")[0] in crawl.visited:
            continue
        response = context.request.get(link, max_redirects=5, fail_on_status_code=False)
        if response.status >= 400:
            crawl.problem(link, f"a link answers {response.status}")
