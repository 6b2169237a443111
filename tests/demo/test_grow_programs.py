"""grow_programs: a masterplan grown to N programs with KPIs, financing and M&E, idempotently."""

import io

import pytest
from django.core.management import call_command

from masterplan.models import Region
from masterplan.services import current_masterplan
from roadmap.models import Financing, KpiActual, KpiTarget, MonitoringRecord, Program, ProgramKpi
from roadmap.monitoring import within
from roadmap.programs import complete_q, with_completeness

pytestmark = pytest.mark.django_db


def counts(masterplan):
    return {
        "programs": Program.objects.filter(masterplan=masterplan).count(),
        "kpis": ProgramKpi.objects.filter(program__masterplan=masterplan).count(),
        "targets": KpiTarget.objects.filter(kpi__program__masterplan=masterplan).count(),
        "financing": Financing.objects.filter(program__masterplan=masterplan).count(),
        "records": MonitoringRecord.objects.filter(program__masterplan=masterplan).count(),
        "actuals": KpiActual.objects.filter(record__program__masterplan=masterplan).count(),
    }


def grow(code, count):
    out = io.StringIO()
    call_command("grow_programs", code, str(count), stdout=out)
    return out.getvalue()


def test_a_region_grows_to_n_programs_spread_and_complete_and_idempotently():
    call_command("seed_demo")
    masterplan = current_masterplan(Region.objects.get(code="32.73"))
    before = counts(masterplan)
    assert "30 → 60 programs (30 added" in grow("32.73", 60)
    after = counts(masterplan)
    assert after["programs"] == 60
    added = list(Program.objects.filter(masterplan=masterplan).order_by("pk")[30:]
                 .prefetch_related("kpis__targets", "financing"))
    assert {program.element.dimension.code for program in added} == set(
        masterplan.edition.dimensions.values_list("code", flat=True))
    assert len({program.element.dimension_id for program in added}) == 6
    assert {program.horizon for program in added} == {"pendek", "menengah", "panjang"}
    assert {program.category for program in added} == {"kebijakan", "infrastruktur", "aplikasi",
                                                       "literasi"}
    for program in added:
        years = set(range(program.start_year, program.end_year + 1))
        assert years <= set(masterplan.years)
        assert program.kpis.exists()
        for kpi in program.kpis.all():
            assert {target.year for target in kpi.targets.all()} == years
        assert {row.year for row in program.financing.all()} == years
        assert program.lead_opd_id and program.supporting_opds.exists()
    assert with_completeness(Program.objects.filter(pk__in=[p.pk for p in added])).filter(
        complete_q()).count() == 30
    running = [program for program in added if within(program, 2026, 1)]
    assert running and all(MonitoringRecord.objects.filter(program=program, year=2026, quarter=1)
                           .exists() for program in running)
    assert after["kpis"] > before["kpis"] and after["financing"] > before["financing"]
    assert after["records"] > before["records"] and after["actuals"] > before["actuals"]
    # The same N again, or a smaller one: nothing changes.
    assert "60 → 60 programs (0 added" in grow("32.73", 60)
    assert "60 → 60 programs (0 added" in grow("32.73", 40)
    assert counts(masterplan) == after


def test_a_region_without_programs_or_opds_grows_too():
    call_command("seed_demo")
    masterplan = current_masterplan(Region.objects.get(code="35.10"))
    assert counts(masterplan)["programs"] == 0
    grow("35.10", 12)
    assert counts(masterplan)["programs"] == 12
    assert Program.objects.filter(masterplan=masterplan, lead_opd__region=masterplan.region).count() == 12
