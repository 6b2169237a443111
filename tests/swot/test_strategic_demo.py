"""The demo's gap analysis, vision and sasaran for Kota Bandung; Banyuwangi stays empty."""

import pytest
from django.core.management import call_command

from masterplan.models import Region
from masterplan.sections import completion_table
from swot import gap, targets, vision
from swot.models import GapRow, Indicator, IndicatorTarget, Mission, Sasaran

pytestmark = pytest.mark.django_db


def counts():
    return (GapRow.objects.count(), GapRow.evidence.through.objects.count(), Mission.objects.count(),
            Sasaran.objects.count(), Indicator.objects.count(), IndicatorTarget.objects.count())


def test_demo_fills_bandung_and_is_idempotent():
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    bandung = Region.objects.get(code="32.73").masterplans.get(is_current=True)
    banyuwangi = Region.objects.get(code="35.10").masterplans.get(is_current=True)

    rows = list(gap.rows_of(bandung))
    assert len(rows) >= 9
    assert all(count for _subject, count in gap.coverage(bandung, rows))
    assert any(entry.interpretation == "buruk" for row in rows for entry in row.evidence.all())
    assert all(done for _label, done in vision.completeness([bandung])[bandung.pk])
    assert 4 <= bandung.missions.count() <= 6

    per_dimension = {}
    for sasaran in Sasaran.objects.filter(masterplan=bandung).select_related("dimension"):
        per_dimension.setdefault(sasaran.dimension.code, []).append(
            sasaran.indicators.count())
    assert len(per_dimension) == 6
    assert all(len(items) == 2 and all(1 <= n <= 2 for n in items)
               for items in per_dimension.values())
    assert set(IndicatorTarget.objects.filter(indicator__sasaran__masterplan=bandung)
               .values_list("year", flat=True)) == set(range(2026, 2036))
    assert [w.kind for w in targets.warnings(bandung)] == [targets.NO_FINAL_TARGET]

    assert not banyuwangi.gap_rows.exists() and not banyuwangi.missions.exists()
    assert not banyuwangi.sasaran.exists()
    sections = {section.key: progress for section, progress in
                completion_table([bandung, banyuwangi])[banyuwangi.pk]}
    assert (sections["gap_analysis"].done, sections["vision"].done, sections["sasaran"].done) == (
        0, 0, 0)
