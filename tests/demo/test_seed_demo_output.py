"""seed_demo tells who can log in: a table of every demo account's username, role, region and
password (the password only while the account still has it)."""

import io
import re

import pytest
from django.core.management import call_command

from masterplan.models import User

pytestmark = pytest.mark.django_db

BANDUNG, BANYUWANGI = "Kota Bandung (32.73)", "Kabupaten Banyuwangi (35.10)"
EXPECTED = {
    ("admin", "Admin Kominfo", "all regions"),
    ("pembimbing", "Tim Pembimbing", BANDUNG),
    ("pembimbing", "Tim Pembimbing", BANYUWANGI),
    ("ketua.bandung", "Ketua Tim Pelaksana", BANDUNG),
    ("anggota.bandung", "Anggota Tim", BANDUNG),
    ("dewan.bandung", "Dewan Smart City (baca saja)", BANDUNG),
    ("ketua.banyuwangi", "Ketua Tim Pelaksana", BANYUWANGI),
    ("anggota.banyuwangi", "Anggota Tim", BANYUWANGI),
    ("dewan.banyuwangi", "Dewan Smart City (baca saja)", BANYUWANGI),
}


def account_table(output):
    """{(username, role, region): password} of the table seed_demo printed."""
    lines = output.splitlines()
    start = next(number for number, line in enumerate(lines) if line.split() == [
        "Username", "Role", "Region", "Password"])
    rows = {}
    for line in lines[start + 1:]:
        if not line.startswith("  "):
            break
        username, role, region, password = re.split(r"\s{2,}", line.strip())
        rows[(username, role, region)] = password
    return rows


def seed():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_prints_every_account_with_its_role_region_and_password():
    output = seed()
    assert "Demo accounts: 8" in output
    table = account_table(output)
    assert set(table) == EXPECTED
    assert set(table.values()) == {"masterplan-demo"}
    assert "Masterplan Smart City Kota Bandung 2026–2035 (Perlu revisi)" in output

    ketua = User.objects.get(username="ketua.banyuwangi")
    ketua.set_password("sandi-baru-yang-panjang")
    ketua.save()
    table = account_table(seed())
    assert table[("ketua.banyuwangi", "Ketua Tim Pelaksana", BANYUWANGI)] == "(changed)"
    assert table[("ketua.bandung", "Ketua Tim Pelaksana", BANDUNG)] == "masterplan-demo"
