"""The apps add their workbook messages through register_messages, which refuses a kind twice."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from masterplan.workbook import errors


@pytest.fixture
def messages(monkeypatch):
    """A copy of the table, so a test's registrations do not outlive it."""
    table = dict(errors.MESSAGES)
    monkeypatch.setattr(errors, "MESSAGES", table)
    return table


def test_a_new_kind_is_registered_and_worded(messages):
    errors.register_messages({"test_new_kind": ("baru {n}", "new {n}")})
    error = errors.CellError("test_new_kind", "Uji", 3, "A", {"n": 1})
    assert error.message("id") == "Lembar “Uji”, baris 3, kolom A: baru 1."
    assert error.message("en") == "Sheet “Uji”, row 3, column A: new 1."


@pytest.mark.parametrize("texts", [("lain", "other"), None])
def test_a_kind_registered_before_is_refused(messages, texts):
    """Whether worded differently or the same: a second registration of a kind is a mistake."""
    errors.register_messages({"test_twice": ("sekali", "once")})
    with pytest.raises(ImproperlyConfigured, match="test_twice"):
        errors.register_messages({"test_twice": texts or ("sekali", "once")})
    assert messages["test_twice"] == ("sekali", "once")


def test_a_core_kind_is_refused(messages):
    with pytest.raises(ImproperlyConfigured, match="not_number"):
        errors.register_messages({"fresh_kind": ("a", "b"), "not_number": ("bukan", "not")})
    assert "fresh_kind" not in messages  # nothing of a refused table is added


def test_the_apps_kinds_are_registered():
    """Importing the sheets (at start-up) registered the apps' kinds without a clash."""
    assert {"swot_bad_code", "roadmap_rule", "roadmap_unknown_application"} <= set(errors.MESSAGES)
