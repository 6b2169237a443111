import pytest
from django.urls import reverse

from books.documents import BOOK
from books.models import NarrativeSection
from masterplan import stages
from masterplan.guide import guide
from masterplan.models import RenderJob
from readiness.models import ReadinessEntry
from roadmap.models import Financing, KpiTarget, Opd, Program, ProgramKpi
from swot.models import Mission, Vision

pytestmark = pytest.mark.django_db


def done(masterplan):
    return {s.number for s in stages.states([masterplan])[masterplan.pk] if s.done}


def test_stages_follow_the_data(world):
    masterplan = world.masterplans["own"]
    assert done(masterplan) == set()
    NarrativeSection.objects.filter(masterplan=masterplan, key="kerangka_pikir").update(text="x")
    outlook = masterplan.outlook
    for name in outlook.NARRATIVE_FIELDS:
        setattr(outlook, name, "isi")
    outlook.save()
    ReadinessEntry.objects.filter(masterplan=masterplan).update(interpretation="sedang")
    Vision.objects.filter(masterplan=masterplan).update(statement="Visi")
    Mission.objects.create(masterplan=masterplan, text="Misi")
    assert done(masterplan) == {2, 3, 4}
    element = masterplan.edition.dimensions.first().elements.first()
    opd = Opd.objects.create(region=world.own, name="Diskominfo")
    for horizon, quick in (("pendek", True), ("menengah", False), ("panjang", False)):
        program = Program.objects.create(
            masterplan=masterplan, name=f"P {horizon}", element=element, category="aplikasi",
            horizon=horizon, start_year=2026, end_year=2030, is_quick_win=quick, lead_opd=opd,
            monitoring_responsible="Bappelitbang")
        kpi = ProgramKpi.objects.create(program=program, name="KPI")
        KpiTarget.objects.create(kpi=kpi, year=2030, value=1)
        Financing.objects.create(program=program, year=2026, source="apbd", amount=1)
    assert done(masterplan) == {2, 3, 4, 5, 6, 7, 8}
    for book in "123":
        RenderJob.objects.create(masterplan=masterplan, kind=BOOK, part=book, status="succeeded",
                                 is_final=True)
    assert done(masterplan) == {2, 3, 4, 5, 6, 7, 8, 9}


def _program(masterplan, opd, **kwargs):
    element = masterplan.edition.dimensions.first().elements.first()
    return Program.objects.create(
        masterplan=masterplan, name="P", element=element, category="aplikasi", horizon="pendek",
        start_year=2026, end_year=2030, lead_opd=opd, monitoring_responsible="Bappelitbang",
        **kwargs)


def test_stage_5_follows_the_roadmaps_own_completeness_rule(world):
    """A program whose KPI has no target and whose financing is Rp 0 is incomplete on the
    program list (roadmap.programs.complete_q), so stage 5 stays unticked."""
    masterplan = world.masterplans["own"]
    opd = Opd.objects.create(region=world.own, name="Diskominfo")
    complete = _program(masterplan, opd)
    KpiTarget.objects.create(kpi=ProgramKpi.objects.create(program=complete, name="KPI"),
                             year=2030, value=1)
    Financing.objects.create(program=complete, year=2026, source="apbd", amount=1)
    assert 5 in done(masterplan)
    incomplete = _program(masterplan, opd)
    ProgramKpi.objects.create(program=incomplete, name="KPI tanpa target")
    Financing.objects.create(program=incomplete, year=2026, source="apbd", amount=0)
    assert 5 not in done(masterplan)
    KpiTarget.objects.create(kpi=incomplete.kpis.get(), year=2030, value=1)
    assert 5 not in done(masterplan)  # Rp 0 is no financing
    Financing.objects.filter(program=incomplete).update(amount=5)
    assert 5 in done(masterplan)


def test_every_derived_stage_has_a_check(world):
    numbers = {stage["no"] for stage in guide(world.masterplans["own"].edition.code)["stages"]}
    assert set(stages.stage_checks()) == numbers - stages.MANUAL
    assert stages.MANUAL <= numbers
    assert all(str(check.rule) for check in stages.stage_checks().values())


def test_manual_stages_need_a_note_and_the_team(client, world):
    url = reverse("stages", kwargs={"region_code": world.own.code})
    client.force_login(world.user("dewan"))
    assert client.post(url, {"number": 1, "done": "on", "note": "x"}).status_code == 403
    client.force_login(world.user("anggota"))
    response = client.post(url, {"number": 1, "done": "on", "note": ""})
    assert response.status_code == 422 and "catatan singkat" in response.content.decode()
    response = client.post(url, {"number": 3, "done": "on", "note": "x"})
    assert response.status_code == 422 and "otomatis" in response.content.decode()
    assert done(world.masterplans["own"]) == set()
    client.post(url, {"number": 1, "done": "on",
                      "note": "Tim: ahli pembangunan daerah, ahli TIK, ahli manajemen"})
    assert done(world.masterplans["own"]) == {1}


def test_stage_states_cost_the_same_for_one_or_two_masterplans(world,
                                                               django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        stages.states([world.masterplans["own"]])
    with django_assert_max_num_queries(10):
        stages.states([world.masterplans["own"], world.masterplans["other"]])
