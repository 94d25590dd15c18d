"""The test harness itself: each test's writes vanish with its transaction."""
from app.models.centres import Centre


def test_a_write_in_one_test(db_session):
    db_session.add(Centre(code="TMP-1", name="Temporary"))
    db_session.commit()
    assert db_session.query(Centre).filter_by(code="TMP-1").count() == 1


def test_is_not_seen_by_the_next(db_session):
    assert db_session.query(Centre).filter_by(code="TMP-1").count() == 0
