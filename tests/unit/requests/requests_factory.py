"""Transitional: the fixtures moved to conftest.py (pytest finds them), NOW and days_before to
moments.py; this module only keeps older `from ...requests_factory import …` lines working."""
from tests.unit.requests.conftest import make_session, register  # noqa: F401
from tests.unit.requests.moments import NOW, START, days_before  # noqa: F401
