""""Today" is the region's (masterplan/clock.py): at 22.30 in Jakarta it is already the next day
in Jayapura, so a decree or regulation dated today there is not "in the future", a decree's days
left count from there and the monitoring worksheet opens on the quarter that has ended there."""

import datetime

import pytest
from django.utils import timezone

from masterplan.models import Region
from roadmap import institutions, monitoring
from roadmap.models import Institution

from ..factories import MasterplanFactory
from .institution_helpers import council, guide_regulation, save_body, team
from .test_institutions import COUNCIL_MEMBERS
from .test_regulations import post_form

pytestmark = pytest.mark.django_db
D = datetime.date
UTC = datetime.UTC


def at(moment, monkeypatch):
    """Run the test at `moment` (Django's clock, which masterplan.clock reads)."""
    monkeypatch.setattr(timezone, "now", lambda: moment)


@pytest.fixture
def jayapura():
    return MasterplanFactory(region=Region.objects.get(code="91.71"))


def test_a_regulation_dated_today_in_jayapura_is_not_in_the_future(world, jayapura, monkeypatch):
    at(datetime.datetime(2026, 12, 3, 15, 30, tzinfo=UTC), monkeypatch)  # 00.30 WIT on the 4th
    perda = guide_regulation(jayapura)
    today = post_form(perda, jayapura, status="ditetapkan", number="Perda 1/2026",
                      date="2026-12-04")
    assert today.is_valid(), today.errors
    tomorrow = post_form(perda, jayapura, status="ditetapkan", number="Perda 1/2026",
                         date="2026-12-05")
    assert tomorrow.errors["date"] == ["Tanggal tidak boleh di masa depan."]
    bandung = world.masterplans["own"]  # 22.30 WIB: the 4th is still tomorrow in Bandung
    assert "date" in post_form(guide_regulation(bandung), bandung, status="ditetapkan",
                               number="Perda 1/2026", date="2026-12-04").errors


def test_a_decree_dated_today_in_jayapura_is_accepted_and_counted_from_there(jayapura,
                                                                             monkeypatch):
    at(datetime.datetime(2026, 12, 3, 15, 30, tzinfo=UTC), monkeypatch)
    editor = save_body(council(jayapura), jayapura, members=COUNCIL_MEMBERS[:1],
                       decree_number="188/2026", decree_date="2026-12-04")
    assert not editor.has_errors, editor.form.errors
    Institution.objects.filter(pk=team(jayapura).pk).update(decree_number="800/1",
                                                            decree_date=D(2021, 12, 20))
    overview = institutions.overview(jayapura)
    assert overview.team_validity.today == D(2026, 12, 4)
    assert institutions.validity(team(jayapura)).today == D(2026, 12, 4)


def test_the_monitoring_worksheet_opens_on_the_quarter_ended_in_the_region(world, jayapura,
                                                                          monkeypatch):
    at(datetime.datetime(2026, 12, 31, 15, 30, tzinfo=UTC), monkeypatch)  # 00.30 WIT, 1 January
    assert monitoring.default_period(jayapura) == (2026, 4)
    assert monitoring.default_period(world.masterplans["own"]) == (2026, 3)  # 22.30 WIB
