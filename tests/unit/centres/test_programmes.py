"""Which menus a centre's programmes open (no database)."""
from app.models.centres import Centre
from app.services.centres.programmes import (
    ALL,
    CIMA,
    LE_ROBERT,
    MISSIONS,
    programmes_of,
    set_programmes,
    shows_category,
)


def test_a_tef_and_cima_centre_sees_sessions_but_not_le_robert_nor_missions():
    centre = Centre(code="X", name="X")
    set_programmes(centre, ["language_tests", CIMA])
    runs = programmes_of(centre)
    assert shows_category("Exams", runs) and shows_category("Requests", runs)
    assert not shows_category("Certifications", runs)
    assert not shows_category("Missions", runs)
    assert shows_category("Messaging", runs) and shows_category("Reference", runs)


def test_body_staff_see_every_programme():
    assert programmes_of(None) == ALL


def test_a_le_robert_only_centre():
    centre = Centre(code="Y", name="Y")
    set_programmes(centre, [LE_ROBERT, MISSIONS])
    runs = programmes_of(centre)
    assert shows_category("Certifications", runs) and shows_category("Missions", runs)
    assert not shows_category("Exams", runs)
