"""The one check of a web address a user types (app/services/urls.py): http(s) only, nothing a
browser would run or reinterpret (issue 12, finding 1)."""
from datetime import timedelta

import pytest

from app.models.requests import TrainingSlot
from app.services.clock import now
from app.services.errors import ValidationFailed
from app.services.requests.training import check_slot
from app.services.urls import clean_web_address, is_web_address

REFUSED = ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
           "java\tscript:alert(1)", "java\nscript:alert(1)", "data:text/html,<script>x</script>",
           "vbscript:msgbox", "//evil.example/x", "/relative/path", "http://", "https:///x",
           "http:\\\\evil.example", "ftp://files.example/x", "https://a.example/\x00",
           "mailto:a@b.example"]


@pytest.mark.parametrize("value", REFUSED)
def test_anything_but_an_http_address_is_refused(value):
    assert not is_web_address(value)
    with pytest.raises(ValidationFailed) as refused:
        clean_web_address(value, "video_link")
    assert "video_link" in refused.value.errors


@pytest.mark.parametrize("value", ["https://visio.example/salle-1?pwd=a",
                                   "http://127.0.0.1:5000/chat/", "HTTPS://Visio.Example/x"])
def test_http_and_https_addresses_are_kept(value):
    assert is_web_address(value)
    assert clean_web_address(f"  {value} ", "video_link") == value


def test_an_empty_address_is_none():
    assert clean_web_address("   ", "video_link") is None


def test_a_training_slot_refuses_a_javascript_video_link():
    slot = TrainingSlot(title="Formation", starts_at=now() + timedelta(days=3), capacity=3,
                        video_link="javascript:alert(document.cookie)")
    with pytest.raises(ValidationFailed):
        check_slot(slot, now())
