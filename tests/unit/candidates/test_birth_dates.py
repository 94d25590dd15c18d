"""One rule for a birth date in every path that takes one (the candidate form and API, the
public pre-registration, the xlsx import): it must be before today, the user's today by the
application's clock (a test or `flask sessions advance --at` moves it), not the machine's."""
from datetime import date, datetime

import pytest

from app.models.candidates import Candidate
from app.services import clock
from app.services.candidates.candidates import born_in_the_past, candidate_errors
from app.services.candidates.import_columns import CellError, parse_date

NEW_YEAR_IN_PARIS = datetime(2020, 12, 31, 23, 30)  # 00:30 on 1 January 2021 in Paris


@pytest.fixture()
def new_year():
    clock.set_now(NEW_YEAR_IN_PARIS)
    yield
    clock.set_now(None)


def test_the_day_is_the_users_day_by_the_applications_clock(new_year):
    assert born_in_the_past(date(2020, 12, 31))
    assert not born_in_the_past(date(2021, 1, 1))  # today in Paris, yesterday in UTC
    assert not born_in_the_past(date(2022, 5, 1))  # before the machine's date, after the clock's


def test_the_candidate_form_and_the_import_apply_it(new_year):
    candidate = Candidate(last_name="O'Neill", first_name="Zoé", birth_date=date(2021, 1, 1),
                          gender="F")
    assert "birth_date" in candidate_errors(candidate, required=())
    with pytest.raises(CellError):
        parse_date("01/01/2021")
    assert parse_date("31/12/2020") == date(2020, 12, 31)
