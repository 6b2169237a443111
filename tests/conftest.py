from dataclasses import dataclass

import pytest

from masterplan.models import Region, Role
from masterplan.reference_data import load_reference_data

from .factories import AdminFactory, MasterplanFactory, MembershipFactory, UserFactory

OWN_REGION = "32.73"  # Kota Bandung
OTHER_REGION = "35.10"  # Kabupaten Banyuwangi


@pytest.fixture(autouse=True)
def reference_data(request):
    """Reference rows come from data migrations, but a flushed (transactional) test loses them."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if {"live_server", "transactional_db"} & names or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
    elif marker or "db" in names:
        request.getfixturevalue("db")
    else:
        return
    if not Region.objects.exists():
        load_reference_data()


@dataclass
class World:
    """Two regions with a masterplan each and one account per role (the access matrix's world)."""

    own: Region
    other: Region
    users: dict
    masterplans: dict
    memberships: dict

    def user(self, role):
        return self.users.get(role)


@pytest.fixture
def world(db):
    return make_world()


def make_world():
    """Build the World in the current database (for fixtures of a wider scope than `world`)."""
    own, other = Region.objects.get(code=OWN_REGION), Region.objects.get(code=OTHER_REGION)
    users = {"admin": AdminFactory(username="admin.uji")}
    memberships = {}
    for role in (Role.PEMBIMBING, Role.KETUA, Role.ANGGOTA, Role.DEWAN):
        users[role.value] = UserFactory(username=f"{role.value}.uji")
        memberships[role.value] = MembershipFactory(user=users[role.value], region=own, role=role)
    # The other region has its own team, so its objects exist to be (not) reached.
    other_members = {
        role.value: MembershipFactory(user=UserFactory(username=f"{role.value}.lain"),
                                      region=other, role=role)
        for role in (Role.KETUA, Role.ANGGOTA)
    }
    masterplans = {"own": MasterplanFactory(region=own), "other": MasterplanFactory(region=other)}
    return World(own, other, users, masterplans,
                 {"own": memberships, "other": other_members})
