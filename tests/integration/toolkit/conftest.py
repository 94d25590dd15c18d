"""Fixtures of the list-toolkit tests: `login` is the shared `login_as` (each request already
runs in its own app context, see tests/conftest.py IsolatedRequests)."""
from __future__ import annotations

import pytest


@pytest.fixture(name="login")
def login_fixture(login_as):
    return login_as
