"""The migration turning a request's typed conversation address into a relation keeps only the
addresses of one of the request's centre's conversations (issue 12, finding 1)."""
import importlib.util
from pathlib import Path

import pytest

MIGRATION = (Path(__file__).parents[3] / "migrations" / "versions"
             / "c3d5e7f9a112_requests_conversation_relation.py")


def _migration():
    spec = importlib.util.spec_from_file_location("conversation_migration", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CENTRES_OF = {7: 1, 8: 2}  # conversation id -> centre id


@pytest.mark.parametrize(("link", "expected"), [
    ("/chat/conversation/7", 7),
    ("http://127.0.0.1:5000/chat/conversation/7", 7),
    ("https://examdesk.example/chat/conversation/7/?x=1", 7),
    ("/chat/conversation/8", None),          # another centre's conversation
    ("/chat/conversation/99", None),         # no such conversation
    ("javascript:alert(1)//chat/conversation/7", None),
    ("https://evil.example/phish", None),
    ("", None), (None, None),
])
def test_links_map_to_the_centres_own_conversation_only(link, expected):
    assert _migration().conversation_id_of(link, 1, CENTRES_OF) == expected
