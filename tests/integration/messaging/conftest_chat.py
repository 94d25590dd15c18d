"""Transitional: the fixtures moved to conftest.py (pytest finds them), the helpers to
chat_helpers.py; this module only keeps older `from ...conftest_chat import …` lines working."""
from tests.integration.messaging.chat_helpers import *  # noqa: F403
from tests.integration.messaging.chat_helpers import (  # noqa: F401
    ACCOUNT_THREAD,
    LYON_THREAD,
    PARIS_THREAD,
    events,
)
