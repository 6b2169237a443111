"""The demo's OPD list and programs for Kota Bandung; Banyuwangi gets none."""

import pytest
from django.core.management import call_command

from masterplan.models import Region
from roadmap import program_rules, programs
from roadmap.models import Financing, KpiTarget, Opd, Partner, Program, ProgramKpi, QuickWin

pytestmark = pytest.mark.django_db


def counts():
    return {model.__name__: model.objects.count()
            for model in (Opd, Program, ProgramKpi, KpiTarget, Financing, Partner, QuickWin)}


def test_demo_programs_cover_the_method_and_seeding_is_idempotent():
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    bandung = Region.objects.get(code="32.73").masterplans.get(is_current=True)
    banyuwangi = Region.objects.get(code="35.10").masterplans.get(is_current=True)
    assert not Program.objects.filter(masterplan=banyuwangi).exists()

    opds = list(Opd.objects.filter(region=bandung.region))
    assert 15 <= len(opds) <= 20 and all(opd.short_name for opd in opds)
    items = list(programs.programs_of(bandung).prefetch_related(
        "kpis__targets", "financing", "partners", "sasaran", "strategies", "gap_rows"))
    assert len(items) == 30
    assert {p.element.dimension.code for p in items} == {
        "governance", "branding", "economy", "living", "society", "environment"}
    assert {p.horizon for p in items} == {"pendek", "menengah", "panjang"}
    assert {p.category for p in items} == {"kebijakan", "infrastruktur", "aplikasi", "literasi"}
    for program in items:
        assert program_rules.program_problems(program) == [], program
        assert program_rules.horizon_warnings(program, bandung) == [], program
        assert 1 <= len(program.kpis.all()) <= 2
        assert all(kpi.targets.all() for kpi in program.kpis.all())
        assert program.financing.all() and program.lead_opd and program.supporting_opds.all()
        assert program.partners.all() and program.sasaran.all() and program.strategies.all()
    assert sum(1 for p in items if p.gap_rows.all()) >= 15
    quick_wins = [p for p in items if p.is_quick_win]
    assert len(quick_wins) == 5
    assert all(programs.quick_win_answered(p.quick_win) for p in quick_wins)
    assert {p.quick_win.status for p in quick_wins} == {"rencana", "berjalan", "selesai"}
    assert [p.name for p in items if p.is_egov_integration] == [
        "Integrasi Aplikasi Smart e-Gov Kota Bandung"]
    incomplete = [p.name for p in items if not programs.completeness(p).complete]
    assert incomplete == ["Inkubator Startup Digital Kota"]  # deliberately, see the demo
    budget = programs.budget(bandung)
    assert budget.total > 0 and all(budget.year_totals[year] > 0 for year in bandung.years)
