"""`manage.py bench_changes`: the changes page's requests as the region's pembimbing makes them,
each answered 200 and nothing left behind."""

import pytest
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command

from masterplan.models import Membership, Role

from ..roadmap.program_helpers import make_program

pytestmark = pytest.mark.django_db


def test_prints_the_summary_and_each_changed_section(world, capsys):
    make_program(world.masterplans["own"], name="Portal layanan")
    call_command("bench_changes", world.own.code)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{world.own.code} {world.own.display_name}: ")
    assert "changes since" in lines[0] and lines[0].endswith("as pembimbing.uji")
    assert lines[1].split() == ["request", "seconds", "queries", "KiB"]
    rows = {line.split()[0]: line.split() for line in lines[2:]}
    assert "summary" in rows and "programs" in rows and "readiness" in rows
    assert all(int(row[-2]) > 0 for row in rows.values())  # queries counted
    assert not Session.objects.exists()  # the bench's sign-in rolled back


def test_refuses_a_region_without_a_pembimbing(world):
    Membership.objects.filter(region=world.own, role=Role.PEMBIMBING).delete()
    with pytest.raises(CommandError, match="no pembimbing"):
        call_command("bench_changes", world.own.code)
