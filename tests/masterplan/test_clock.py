"""masterplan/clock.py: the zone of a region and the one way a time is written."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.template import Context, Template, VariableDoesNotExist
from django.utils import timezone

from masterplan import clock
from masterplan.models import Region
from masterplan.reference import read_provinces

UTC = datetime.UTC

# Written out from the map of Indonesia's time zones, not from clock.py's sets.
EXPECTED_ZONES = {
    "WIB": {"11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34",
            "35", "36", "61", "62"},
    "WITA": {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"},
    "WIT": {"81", "82", "91", "92", "93", "94", "95", "96"},
}


@pytest.mark.parametrize(("code", "zone"), [
    ("32.73", "WIB"),  # Kota Bandung, Jawa Barat
    ("62.71", "WIB"),  # Kota Palangka Raya, Kalimantan Tengah
    ("73.71", "WITA"),  # Kota Makassar, Sulawesi Selatan
    ("51", "WITA"),  # the province of Bali itself
    ("64.72", "WITA"),  # Kota Samarinda, Kalimantan Timur
    ("91.71", "WIT"),  # Kota Jayapura, Papua
    ("81.71", "WIT"),  # Kota Ambon, Maluku
    ("97.01", "WIT"),  # a Papua province numbered later still lies in the east
])
def test_the_zone_of_a_region_is_its_provinces(code, zone):
    assert clock.zone_of(code).name == zone


def test_every_shipped_province_has_the_zone_of_the_map():
    provinces = {code for code, _name in read_provinces()}
    assert provinces == set().union(*EXPECTED_ZONES.values())
    found = {name: {code for code in provinces if clock.zone_of(code).name == name}
             for name in EXPECTED_ZONES}
    assert found == EXPECTED_ZONES


@pytest.mark.django_db
def test_a_region_row_answers_its_zone():
    assert clock.zone_of(Region.objects.get(code="76.01")) is clock.WITA  # Sulawesi Barat
    assert clock.zone_of(Region.objects.get(code="94")) is clock.WIT  # a Papua province


@pytest.mark.parametrize("unknown", [None, "", "xx", "00.01"])
def test_no_region_or_an_unknown_code_is_wib(unknown):
    assert clock.zone_of(unknown) is clock.WIB


def test_a_utc_moment_is_written_in_each_zone():
    moment = datetime.datetime(2026, 12, 4, 13, 39, 27, tzinfo=UTC)
    assert clock.format_datetime(moment, "32.73") == "4 Desember 2026 20.39 WIB"
    assert clock.format_datetime(moment, "73.71") == "4 Desember 2026 21.39 WITA"
    assert clock.format_datetime(moment, "91.71") == "4 Desember 2026 22.39 WIT"
    assert clock.format_datetime(moment) == "4 Desember 2026 20.39 WIB"
    assert clock.format_datetime(datetime.datetime(2026, 3, 1, 0, 5, tzinfo=UTC)) == \
        "1 Maret 2026 07.05 WIB"


def test_the_day_is_the_day_in_the_regions_zone():
    """23.30 WIB on 3 December is already 4 December in Makassar and Jayapura."""
    moment = datetime.datetime(2026, 12, 3, 16, 30, tzinfo=UTC)
    assert clock.format_datetime(moment, "32.73") == "3 Desember 2026 23.30 WIB"
    assert clock.format_datetime(moment, "73.71") == "4 Desember 2026 00.30 WITA"
    assert clock.format_date(moment, "32.73") == "3 Desember 2026"
    assert clock.format_date(moment, "73.71") == "4 Desember 2026"
    assert clock.format_date(moment, "91.71") == "4 Desember 2026"
    new_year = datetime.datetime(2026, 12, 31, 17, 0, tzinfo=UTC)
    assert clock.format_datetime(new_year) == "1 Januari 2027 00.00 WIB"
    assert clock.format_stamp(new_year, "32.73") == "2027-01-01-0000-WIB"
    assert clock.format_stamp(datetime.datetime(2026, 12, 31, 15, 59, tzinfo=UTC), "32.73") == \
        "2026-12-31-2259-WIB"


def test_a_naive_moment_is_read_as_wib_and_none_is_empty():
    naive = datetime.datetime(2026, 12, 4, 20, 39)
    assert clock.format_datetime(naive) == "4 Desember 2026 20.39 WIB"
    assert clock.format_datetime(naive, "73.71") == "4 Desember 2026 21.39 WITA"
    assert clock.format_date(datetime.datetime(2026, 12, 4, 23, 30), "91.71") == "5 Desember 2026"
    for function in (clock.format_datetime, clock.format_date, clock.format_stamp,
                     clock.format_iso):
        assert function(None) == ""
        assert function(None, "73.71", empty="—") == "—"
    with pytest.raises(TypeError):
        clock.format_datetime("2026-12-04")


def test_a_calendar_date_is_the_same_day_in_every_zone():
    day = datetime.date(2026, 8, 17)
    for region in ("32.73", "73.71", "91.71"):
        assert clock.format_date(day, region) == "17 Agustus 2026"
        assert clock.format_datetime(day, region) == "17 Agustus 2026"
    assert clock.format_stamp(day) == "2026-08-17"


def test_the_file_stamp_is_safe_in_a_file_name_and_sorts_by_time():
    moments = [datetime.datetime(2026, month, day, hour, tzinfo=UTC)
               for month, day, hour in ((1, 2, 3), (2, 1, 0), (11, 30, 23), (12, 1, 2))]
    stamps = [clock.format_stamp(moment, "64.72") for moment in moments]
    assert stamps[0] == "2026-01-02-1100-WITA"
    assert all(re.fullmatch(r"[0-9A-Z-]+", stamp) for stamp in stamps)
    assert stamps == sorted(stamps)


def test_the_machine_moment_keeps_the_zones_offset():
    moment = datetime.datetime(2026, 12, 4, 13, 39, 27, 5, tzinfo=UTC)
    assert clock.format_iso(moment, "73.71") == "2026-12-04T21:39:27.000005+08:00"
    assert datetime.datetime.fromisoformat(clock.format_iso(moment, "91.71")) == moment


def render(text, **context):
    return Template("{% load masterplan_tags %}" + text).render(Context(context))


def test_the_template_filters_write_the_clocks_formats():
    moment = datetime.datetime(2026, 12, 3, 16, 30, tzinfo=UTC)
    assert render("{{ t|local_datetime:code }}", t=moment, code="73.71") == \
        "4 Desember 2026 00.30 WITA"
    assert render("{{ t|local_datetime }}|{{ t|local_date }}", t=moment) == \
        "3 Desember 2026 23.30 WIB|3 Desember 2026"
    # An object of a region stands for it; a masterplan-less one (None) is WIB.
    assert render("{{ t|local_datetime:item.masterplan }}", t=moment,
                  item=SimpleNamespace(masterplan=SimpleNamespace(region=SimpleNamespace(
                      code="91.71")))) == "4 Desember 2026 01.30 WIT"
    assert render("{{ t|local_datetime:item.masterplan }}", t=moment, item=SimpleNamespace(masterplan=None)) \
        == "3 Desember 2026 23.30 WIB"
    # A page that forgot to put its region in the context fails, not silently shows WIB.
    with pytest.raises(VariableDoesNotExist):
        render("{{ t|local_datetime:region }}", t=moment)
    assert render("{{ code|zone_name }} {{ none|zone_name }}", code="91.71") == "WIT WIB"
    assert render("{{ t|iso_datetime:code }}", t=moment, code="91.71") == \
        "2026-12-04T01:30:00+09:00"
    assert render("[{{ t|local_datetime }}][{{ word|local_date }}]", t=None, word="kemarin") == \
        "[][]"


def test_today_is_the_day_in_the_regions_zone(monkeypatch):
    """At 22.30 WIB on 3 December it is 23.30 in Makassar and already 4 December in Jayapura."""
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 12, 3, 15, 30, tzinfo=UTC))
    assert clock.today() == clock.today("32.73") == datetime.date(2026, 12, 3)
    assert clock.today("73.71") == datetime.date(2026, 12, 3)  # 23.30 WITA
    assert clock.today("91.71") == datetime.date(2026, 12, 4)
