"""The staff-notes rule, without a database: who may read and write a note."""
from __future__ import annotations

import pytest

from app.security.roles import ADMIN, CENTRE_MANAGER, CENTRE_STAFF, EVALUATOR, PEDAGOGY, SUPPORT
from app.security.scope import Viewer
from app.services.errors import NotAllowed
from app.services.messaging.notes import check_note, may_see_notes


def _viewer(*roles):
    return Viewer(user_id=1, roles=frozenset(roles), centre_id=3, centre_ids=(3,))


@pytest.mark.parametrize("role", [SUPPORT, PEDAGOGY, ADMIN])
def test_staff_read_and_write_notes(role):
    viewer = _viewer(role)
    assert may_see_notes(viewer)
    assert check_note(viewer, True) is True and check_note(viewer, "1") is True


@pytest.mark.parametrize("role", [CENTRE_MANAGER, CENTRE_STAFF, EVALUATOR])
def test_centres_and_evaluators_never_write_a_note(role):
    viewer = _viewer(role)
    assert not may_see_notes(viewer)
    with pytest.raises(NotAllowed):
        check_note(viewer, True)
    assert check_note(viewer, False) is False and check_note(viewer, None) is False


def test_only_a_clear_yes_makes_a_note():
    staff = _viewer(SUPPORT)
    assert [check_note(staff, v) for v in (True, "1", "true", "on", 1)] == [True] * 5
    assert [check_note(staff, v) for v in (False, None, "", "0", "no", {}, [])] == [False] * 7
