"""Every allowed and refused status transition."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from masterplan import workflow
from masterplan.models import Masterplan, StatusChange

pytestmark = pytest.mark.django_db

ROLES = ["admin", "pembimbing", "ketua", "anggota", "dewan"]
LEGAL = {"legal_kind": "perda", "legal_number": "12 Tahun 2027",
         "legal_date": datetime.date(2027, 3, 1)}
# transition -> (source status, bimtek number already set, roles allowed, target)
CASES = {
    "submit": ("draf", None, {"ketua"}, "diajukan"),
    "revise": ("diajukan", 1, {"pembimbing", "admin"}, "perlu_revisi"),
    "approve": ("diajukan", 1, {"pembimbing", "admin"}, "disetujui"),
    "continue": ("disetujui", 2, {"ketua", "admin"}, "draf"),
    "finalize": ("disetujui", 4, {"pembimbing", "admin"}, "final"),
    "legalize": ("final", 4, {"ketua", "admin"}, "ditetapkan"),
}
KWARGS = {"submit": {"bimtek_number": 1}, "revise": {"comment": "Lengkapi tabel II.3"},
          "legalize": LEGAL}


def at(masterplan, status, bimtek=None):
    Masterplan.objects.filter(pk=masterplan.pk).update(status=status, bimtek_number=bimtek)
    return Masterplan.objects.get(pk=masterplan.pk)


@pytest.mark.parametrize("code", list(CASES))
@pytest.mark.parametrize("role", ROLES)
def test_only_the_allowed_role_makes_each_transition(world, code, role):
    source, bimtek, allowed, target = CASES[code]
    masterplan = at(world.masterplans["own"], source, bimtek)
    user = world.user(role)
    if role in allowed:
        change = workflow.apply(masterplan, code, user, **KWARGS.get(code, {}))
        assert (change.from_status, change.to_status, change.changed_by) == (source, target, user)
        assert Masterplan.objects.get(pk=masterplan.pk).status == target
    else:
        with pytest.raises(PermissionDenied):
            workflow.apply(masterplan, code, user, **KWARGS.get(code, {}))
        assert Masterplan.objects.get(pk=masterplan.pk).status == source
        assert not StatusChange.objects.exists()


@pytest.mark.parametrize("code", list(CASES))
def test_each_transition_is_refused_from_every_other_status(world, code):
    source, bimtek, allowed, target = CASES[code]
    user = world.user(sorted(allowed)[0])
    for status in ["draf", "diajukan", "perlu_revisi", "disetujui", "final", "ditetapkan"]:
        if status in workflow.TRANSITIONS[code].sources:
            continue
        masterplan = at(world.masterplans["own"], status, bimtek)
        with pytest.raises(ValidationError):
            workflow.apply(masterplan, code, user, **KWARGS.get(code, {}))
        assert Masterplan.objects.get(pk=masterplan.pk).status == status
    assert not StatusChange.objects.exists()


def test_finalize_needs_the_bimtek_4_approval_and_continue_does_not_follow_it(world):
    pembimbing, ketua = world.user("pembimbing"), world.user("ketua")
    with pytest.raises(ValidationError, match="Bimtek #4"):
        workflow.apply(at(world.masterplans["own"], "disetujui", 3), "finalize", pembimbing)
    with pytest.raises(ValidationError):
        workflow.apply(at(world.masterplans["own"], "disetujui", 4), "continue", ketua)
    assert [t.code for t in workflow.available(at(world.masterplans["own"], "disetujui", 3),
                                               pembimbing)] == []
    assert [t.code for t in workflow.available(at(world.masterplans["own"], "disetujui", 4),
                                               pembimbing)] == ["finalize"]


@pytest.mark.parametrize("code,kwargs,field", [
    ("submit", {}, "bimtek_number"),
    ("submit", {"bimtek_number": 5}, "bimtek_number"),
    ("revise", {"comment": "  "}, "comment"),
    ("legalize", {**LEGAL, "legal_number": ""}, "legal_number"),
    ("legalize", {**LEGAL, "legal_date": None}, "legal_date"),
    ("legalize", {**LEGAL, "legal_kind": "sk"}, "legal_kind"),
])
def test_missing_input_is_refused_and_nothing_changes(world, code, kwargs, field):
    source, bimtek, allowed, _target = CASES[code]
    masterplan = at(world.masterplans["own"], source, bimtek)
    with pytest.raises(ValidationError) as raised:
        workflow.apply(masterplan, code, world.user(sorted(allowed)[-1]), **kwargs)
    assert field in raised.value.message_dict
    assert Masterplan.objects.get(pk=masterplan.pk).status == source
    assert not StatusChange.objects.exists()


def test_full_cycle_is_recorded_in_order(client, world):
    masterplan = world.masterplans["own"]
    ketua, pembimbing = world.user("ketua"), world.user("pembimbing")
    url = reverse("masterplan_status", kwargs={"region_code": world.own.code})
    steps = [
        (ketua, {"transition": "submit", "bimtek_number": "4"}),
        (pembimbing, {"transition": "revise", "comment": "Perbaiki sasaran"}),
        (ketua, {"transition": "submit", "bimtek_number": "4"}),
        (pembimbing, {"transition": "approve"}),
        (pembimbing, {"transition": "finalize"}),
        (ketua, {"transition": "legalize", "legal_kind": "perda", "legal_number": "3 Tahun 2027",
                 "legal_date": "2027-05-02"}),
    ]
    for user, data in steps:
        client.force_login(user)
        assert client.post(url, data).status_code == 302, data
    masterplan.refresh_from_db()
    assert (masterplan.status, masterplan.legal_number) == ("ditetapkan", "3 Tahun 2027")
    history = list(masterplan.status_changes.order_by("changed_at", "pk")
                   .values_list("to_status", flat=True))
    assert history == ["diajukan", "perlu_revisi", "diajukan", "disetujui", "final", "ditetapkan"]
    text = client.get(url).content.decode()
    assert "Perbaiki sasaran" in text and "3 Tahun 2027" in text


def test_wrong_role_through_the_page_is_refused_with_a_message(client, world):
    client.force_login(world.user("anggota"))
    url = reverse("masterplan_status", kwargs={"region_code": world.own.code})
    response = client.post(url, {"transition": "submit", "bimtek_number": "1"})
    assert response.status_code == 403
    assert "hanya dapat dilakukan oleh ketua tim pelaksana" in response.content.decode()
    assert Masterplan.objects.get(pk=world.masterplans["own"].pk).status == "draf"
