"""Transitional: the fixtures moved to conftest.py (pytest finds them), NOW and TODAY to
moments.py; this module only keeps older `from ...conftest_certs import …` lines working."""
from tests.unit.certifications.conftest import *  # noqa: F403
from tests.unit.certifications.moments import NOW, TODAY  # noqa: F401
