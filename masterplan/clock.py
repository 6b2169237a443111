"""One clock: every moment the application shows, written one way, in the zone of the region it
belongs to.

Indonesia has three time zones; a region keeps the one of its province, the first two digits of
its Kemendagri code ("64.72" lies in 64, Kalimantan Timur):

* WITA (Asia/Makassar, UTC+8): Bali (51), Nusa Tenggara Barat (52) and Timur (53), Kalimantan
  Selatan (63), Timur (64) and Utara (65), every Sulawesi province and Gorontalo (71-76);
* WIT (Asia/Jayapura, UTC+9): Maluku (81), Maluku Utara (82) and the Papua provinces (9x);
* WIB (Asia/Jakarta, UTC+7, settings.TIME_ZONE): every other province, Sumatra, Java, Kalimantan
  Barat and Tengah.

A page, file or message of one region shows its times in the region's zone; one not tied to a
region (an admin overview, a batch export of many regions) in WIB. Every time carries the name
of its zone, so a reader never has to guess.

The formats (in templates the filters `local_datetime`, `local_date` and `iso_datetime` of
`masterplan_tags`); the month names are Indonesian whatever language is active (a Celery task,
a management command):

* `format_datetime`: "4 Desember 2026 20.39 WIB": day, Indonesian month name, year, the hour
  and minute on a 24-hour clock separated by a dot (as Indonesian writes times), the zone;
* `format_date`: "4 Desember 2026" (a moment is first moved into the zone: 23.30 UTC on
  3 December is already 4 December in WIB);
* `format_stamp`: "2026-12-04-2039-WIB", for file names: only digits, letters and hyphens, so
  it is safe on every system and in every download header, and names of one zone sort by time;
* `format_iso`: the exact moment for machines (a PDF's metadata, a workbook's export stamp),
  ISO 8601 with the zone's offset; never shown as text on a page.

Stored moments are aware (USE_TZ); a naive one is read as WIB, settings.TIME_ZONE. A date
(without a time) is a calendar day and is shown as it is.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")


@dataclass(frozen=True)
class Zone:
    name: str  # what a reader sees: "WIB"
    tzinfo: ZoneInfo

    def __str__(self):
        return self.name


WIB = Zone("WIB", ZoneInfo("Asia/Jakarta"))
WITA = Zone("WITA", ZoneInfo("Asia/Makassar"))
WIT = Zone("WIT", ZoneInfo("Asia/Jayapura"))

WITA_PROVINCES = frozenset({"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75",
                            "76"})
WIT_PROVINCES = frozenset({"81", "82"})  # and every Papua province: a code starting with 9


def province_code(code):
    """The province part of a Kemendagri code: "32.73" -> "32", "32" -> "32"."""
    return str(code or "").strip().split(".", 1)[0][:2]


def zone_of(region=None):
    """The zone of `region`: a Region (anything with a `code`), an object of one region (with a
    `region`, such as a Masterplan), a Kemendagri code, a Zone, or None for what is not tied to
    one region (WIB). An unknown code is WIB."""
    if isinstance(region, Zone):
        return region
    if not hasattr(region, "code") and hasattr(region, "region"):
        region = region.region
    code = province_code(getattr(region, "code", region))
    if code in WITA_PROVINCES:
        return WITA
    if code in WIT_PROVINCES or (len(code) == 2 and code.startswith("9")):
        return WIT
    return WIB


def in_zone(value, region=None):
    """The moment `value` as a datetime in the zone of `region` (a naive one is read as WIB)."""
    if timezone.is_naive(value):
        value = value.replace(tzinfo=WIB.tzinfo)
    return value.astimezone(zone_of(region).tzinfo)


def local_date(value, region=None):
    """The calendar day of `value` in the zone of `region` (a date is itself)."""
    if isinstance(value, datetime.datetime):
        return in_zone(value, region).date()
    return value


def _check(value):
    if not isinstance(value, datetime.date):
        raise TypeError(f"a date or datetime is needed, not {type(value).__name__}")


def _day_text(day):
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_date(value, region=None, empty=""):
    """"4 Desember 2026", the day in the zone of `region`; `empty` for None."""
    if value is None or value == "":
        return empty
    _check(value)
    return _day_text(local_date(value, region))


def format_datetime(value, region=None, empty=""):
    """"4 Desember 2026 20.39 WIB" in the zone of `region`; a date alone is format_date;
    `empty` for None."""
    if value is None or value == "":
        return empty
    _check(value)
    if not isinstance(value, datetime.datetime):
        return format_date(value)
    zone = zone_of(region)
    moment = in_zone(value, zone)
    return f"{_day_text(moment)} {moment:%H.%M} {zone.name}"


def format_stamp(value, region=None, empty=""):
    """"2026-12-04-2039-WIB": the moment in a file name; `empty` for None."""
    if value is None or value == "":
        return empty
    _check(value)
    if not isinstance(value, datetime.datetime):
        return f"{value:%Y-%m-%d}"
    zone = zone_of(region)
    return f"{in_zone(value, zone):%Y-%m-%d-%H%M}-{zone.name}"


def format_iso(value, region=None, empty=""):
    """The exact moment for machines: "2026-12-04T20:39:12.345678+07:00"; `empty` for None."""
    if value is None or value == "":
        return empty
    _check(value)
    if not isinstance(value, datetime.datetime):
        return value.isoformat()
    return in_zone(value, region).isoformat()


def today(region=None):
    """Today's date in the zone of `region`: in Jayapura 4 December begins while Jakarta is still
    at 22.00 on the 3rd, so "not in the future" and "days left" follow the region's calendar."""
    return local_date(timezone.now(), region)


def now_stamp(region=None):
    """The current moment as format_stamp writes it (an export's file name)."""
    return format_stamp(timezone.now(), region)
