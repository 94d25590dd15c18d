"""Accessibility settings: defaults, validation, storage per user and the body classes."""
import pytest
from sqlalchemy import select

from app.models.centres import ExamUser
from app.services.centres.accessibility import DEFAULTS, body_classes, save_settings, settings_of
from app.services.errors import ValidationFailed


def user_id(session, username):
    return session.scalar(select(ExamUser.id).where(ExamUser.username == username))


def test_a_user_without_settings_and_a_visitor_get_the_defaults(db_session):
    assert settings_of(db_session, user_id(db_session, "lyon.staff")) == DEFAULTS
    assert settings_of(db_session, None) == DEFAULTS


def test_settings_are_stored_per_user(db_session):
    staff, manager = user_id(db_session, "lyon.staff"), user_id(db_session, "lyon.manager")
    save_settings(db_session, staff, {"contrast": "high", "text_align": "justify"})
    assert settings_of(db_session, staff)["contrast"] == "high"
    assert settings_of(db_session, staff)["text_align"] == "justify"
    assert settings_of(db_session, manager) == DEFAULTS
    save_settings(db_session, staff, {"font_size": "large"})
    assert settings_of(db_session, staff) == {**DEFAULTS, "font_size": "large"}


def test_an_unknown_value_refuses_the_whole_form_naming_each_field(db_session):
    staff = user_id(db_session, "lyon.staff")
    with pytest.raises(ValidationFailed) as error:
        save_settings(db_session, staff, {"contrast": "high", "font_size": "huge",
                                          "line_spacing": "1;drop"})
    assert set(error.value.errors) == {"font_size", "line_spacing"}
    assert settings_of(db_session, staff) == DEFAULTS


def test_body_classes_name_only_the_choices_that_differ_from_the_default():
    assert body_classes(DEFAULTS) == ""
    assert body_classes({**DEFAULTS, "contrast": "high", "line_spacing": "wider"}) == \
        "a11y-contrast-high a11y-line-spacing-wider"
