"""Password complexity and the lockout arithmetic."""
from datetime import datetime, timedelta

import pytest
from flask_appbuilder.exceptions import PasswordComplexityValidationError

from app.models.centres import ExamUser
from app.services.centres.accounts import is_locked, record_failed_login, record_successful_login
from app.services.centres.passwords import check_password_complexity, password_problems

NOW = datetime(2026, 11, 24, 10, 0)


@pytest.mark.parametrize("password,missing", [
    ("Demo-Passw0rd!", 0), ("short1!A", 1), ("alllowercase1!", 1), ("NoDigitsHere!!", 1),
    ("NoSpecial12345", 1), ("", 5),
])
def test_password_problems_name_each_missing_requirement(password, missing):
    assert len(password_problems(password)) == missing


def test_a_weak_password_raises_fab_s_complexity_error():
    with pytest.raises(PasswordComplexityValidationError):
        check_password_complexity("weak")


def test_the_tenth_failure_locks_for_the_configured_time():
    user = ExamUser(fail_login_count=0)
    locks = [record_failed_login(user, NOW, 10, 15) for _ in range(10)]
    assert locks == [False] * 9 + [True]
    assert is_locked(user, NOW + timedelta(minutes=14))
    assert not is_locked(user, NOW + timedelta(minutes=15, seconds=1))


def test_a_success_clears_the_count_and_the_lock():
    user = ExamUser(fail_login_count=7, locked_until=NOW)
    record_successful_login(user)
    assert user.fail_login_count == 0 and user.locked_until is None
