"""Transitional: the `login` fixture moved to conftest.py (pytest finds it); this module only
keeps older `from ...conftest_toolkit import login_fixture` lines working."""
from tests.integration.toolkit.conftest import login_fixture  # noqa: F401
