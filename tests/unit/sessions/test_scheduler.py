"""The scheduler's pure rule: when a session before its deadline is under-filled or full."""
from app.models.sessions import NoticeKind
from app.services.sessions.scheduler import check_filling


def test_every_place_taken_is_full():
    assert check_filling(20, 20) == NoticeKind.FULL
    assert check_filling(21, 20) == NoticeKind.FULL


def test_under_a_quarter_of_the_places_is_under_filled():
    assert check_filling(4, 20) == NoticeKind.UNDERFILLED
    assert check_filling(0, 3) == NoticeKind.UNDERFILLED


def test_between_a_quarter_and_full_nothing_is_said():
    assert check_filling(5, 20) is None
    assert check_filling(19, 20) is None
