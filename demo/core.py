"""Demo regions, accounts and masterplans."""

from masterplan.models import Batch, Masterplan, Membership, Region, Role, User
from masterplan.services import create_masterplan

DEMO_PASSWORD = "masterplan-demo"
FULL_REGION = "32.73"
EMPTY_REGION = "35.10"
START_YEAR = 2026

ACCOUNTS = [
    # username, full name, admin?, [(region code, role)]
    ("admin", "Admin Kominfo (demo)", True, []),
    ("pembimbing", "Tim Pembimbing (demo)", False,
     [(FULL_REGION, Role.PEMBIMBING), (EMPTY_REGION, Role.PEMBIMBING)]),
    ("ketua.bandung", "Ketua Tim Pelaksana Kota Bandung", False, [(FULL_REGION, Role.KETUA)]),
    ("anggota.bandung", "Anggota Tim Kota Bandung", False, [(FULL_REGION, Role.ANGGOTA)]),
    ("dewan.bandung", "Dewan Smart City Kota Bandung", False, [(FULL_REGION, Role.DEWAN)]),
    ("ketua.banyuwangi", "Ketua Tim Pelaksana Kab. Banyuwangi", False, [(EMPTY_REGION, Role.KETUA)]),
    ("anggota.banyuwangi", "Anggota Tim Kab. Banyuwangi", False, [(EMPTY_REGION, Role.ANGGOTA)]),
    ("dewan.banyuwangi", "Dewan Smart City Kab. Banyuwangi", False, [(EMPTY_REGION, Role.DEWAN)]),
]


def _account(username, full_name, is_admin):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"full_name": full_name, "is_kominfo_admin": is_admin,
                  "email": f"{username}@demo.invalid"})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _masterplan(region, ketua):
    masterplan = Masterplan.objects.filter(region=region, is_current=True).first()
    if masterplan is None:
        masterplan = create_masterplan(region=region, user=ketua, start_year=START_YEAR)
    return masterplan


def account_rows():
    """(username, role, region, password) of every demo account as the database has it now, one
    row per role; the password only while the account still has the demo password."""
    users = {user.username: user for user in User.objects.filter(
        username__in=[username for username, *_rest in ACCOUNTS]).prefetch_related(
            "memberships__region")}
    rows = []
    for username, *_rest in ACCOUNTS:
        user = users.get(username)
        if user is None:
            continue
        password = DEMO_PASSWORD if user.check_password(DEMO_PASSWORD) else "(changed)"
        roles = [("Admin Kominfo", "all regions")] if user.is_kominfo_admin else []
        roles += [(membership.get_role_display(),
                   f"{membership.region.display_name} ({membership.region.code})")
                  for membership in sorted(user.memberships.all(),
                                           key=lambda membership: membership.region.code)]
        rows += [(username, role, region, password) for role, region in roles]
    return rows


def seed():
    """Create the demo regions' batch, accounts and masterplans; returns a summary dict."""
    batch = Batch.objects.get(year=2017, name="Gerakan Menuju 100 Smart City 2017")
    regions = {code: Region.objects.get(code=code) for code in (FULL_REGION, EMPTY_REGION)}
    for region in regions.values():
        if region.batch_id is None:
            region.batch = batch
            region.save(update_fields=["batch"])
    users = {}
    for username, full_name, is_admin, roles in ACCOUNTS:
        users[username] = _account(username, full_name, is_admin)
        for code, role in roles:
            Membership.objects.get_or_create(user=users[username], region=regions[code],
                                             defaults={"role": role})
    full = _masterplan(regions[FULL_REGION], users["ketua.bandung"])
    empty = _masterplan(regions[EMPTY_REGION], users["ketua.banyuwangi"])
    return {"accounts": len(users), "masterplan_objects": (full, empty)}
