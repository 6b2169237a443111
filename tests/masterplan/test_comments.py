"""Review comments: anchors of every kind, refusals, roles, thread depth and open counts."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from masterplan import comments
from masterplan.models import Comment, MasterplanStatus
from masterplan.sections import open_comment_counts

from ..factories import MasterplanFactory
from .comment_helpers import MAKERS, make_anchor

pytestmark = pytest.mark.django_db
REFUSED = "Objek yang dikomentari bukan milik masterplan wilayah ini."
REQUIRED = {
    "readiness.subarea", "readiness.readinessentry", "readiness.performanceassessment",
    "readiness.outlookanalysis", "swot.worksheet", "swot.strategy", "swot.swotitem",
    "swot.gaprow", "swot.vision", "swot.sasaran", "roadmap.program", "bimtek.report",
    "books.narrativesection", "masterplan.masterplan",
}


def test_every_required_kind_is_registered_and_has_a_maker():
    registered = {kind.key for kind in comments.anchor_kinds()}
    assert REQUIRED <= registered
    assert registered == set(MAKERS), "tests must cover every registered anchor kind"


@pytest.mark.parametrize("key", sorted(MAKERS))
def test_comment_on_every_anchor_kind(world, key):
    masterplan = world.masterplans["own"]
    anchor = make_anchor(key, masterplan)
    comment = comments.add_comment(masterplan, anchor, world.user("pembimbing"),
                                   "  Mohon dilengkapi sumber datanya.  ")
    kind = comments.kind_by_key(key)
    assert (comment.masterplan, comment.object_id, comment.section_key) == (
        masterplan, anchor.pk, kind.section)
    assert comment.content_type.model_class() is type(anchor)
    assert comment.text == "Mohon dilengkapi sumber datanya."
    assert comment.anchor_label == str(kind.label(anchor))[:300] and comment.anchor_label
    assert comment.author_role == "pembimbing"
    url = comments.anchor_url(kind, anchor, masterplan)
    assert url.startswith("/wilayah/32.73/")
    assert [c.pk for c in comments.threads_on(masterplan, anchor)] == [comment.pk]


@pytest.mark.parametrize("key", sorted(set(MAKERS) - {"readiness.subarea"}))
def test_an_object_of_another_region_is_refused_and_nothing_saved(world, key):
    foreign = make_anchor(key, world.masterplans["other"])
    with pytest.raises(ValidationError) as refused:
        comments.add_comment(world.masterplans["own"], foreign, world.user("admin"), "Catatan")
    assert refused.value.messages == [REFUSED]
    assert not Comment.objects.exists()


def test_a_readiness_table_of_another_guide_edition_is_refused(world):
    from masterplan.models import GuideEdition
    from readiness.models import ReadinessElement, SubArea

    edition = GuideEdition.objects.create(code="uji-2030", title="Panduan uji", year=2030)
    element = ReadinessElement.objects.create(edition=edition, code="s", number=1, title="S",
                                              heading="S")
    table = SubArea.objects.create(element=element, code="x", letter="a", heading="X",
                                   table_id="Tabel II.2", table_title="Uji")
    with pytest.raises(ValidationError, match=REFUSED):
        comments.add_comment(world.masterplans["own"], table, world.user("pembimbing"), "Catatan")
    assert not Comment.objects.exists()


def test_an_unregistered_object_and_a_missing_one_are_refused(world):
    masterplan = world.masterplans["own"]
    with pytest.raises(ValidationError, match=REFUSED):
        comments.add_comment(masterplan, world.memberships["own"]["ketua"],
                             world.user("pembimbing"), "Catatan")
    with pytest.raises(ValidationError, match=REFUSED):
        comments.find_anchor(masterplan, "swot.sasaran", 987654)
    with pytest.raises(LookupError):
        comments.find_anchor(masterplan, "masterplan.membership", 1)
    assert not Comment.objects.exists()


def test_empty_text_is_refused(world):
    masterplan = world.masterplans["own"]
    with pytest.raises(ValidationError) as refused:
        comments.add_comment(masterplan, masterplan, world.user("pembimbing"), " \n ")
    assert refused.value.message_dict == {"text": ["Tuliskan komentar terlebih dahulu."]}
    root = comments.add_comment(masterplan, masterplan, world.user("pembimbing"), "Catatan")
    with pytest.raises(ValidationError):
        comments.add_reply(root, world.user("ketua"), "")
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("role,may_comment,may_take_part", [
    ("pembimbing", True, True), ("admin", True, True), ("ketua", False, True),
    ("anggota", False, True), ("dewan", False, False),
])
def test_who_may_comment_reply_resolve_and_reopen(world, role, may_comment, may_take_part):
    masterplan = world.masterplans["own"]
    user = world.user(role)
    if may_comment:
        comments.add_comment(masterplan, masterplan, user, "Komentar")
    else:
        with pytest.raises(PermissionDenied):
            comments.add_comment(masterplan, masterplan, user, "Komentar")
    root = comments.add_comment(masterplan, masterplan, world.user("pembimbing"), "Utas")
    if may_take_part:
        comments.add_reply(root, user, "Balasan")
        assert comments.resolve(root, user) is True
        assert comments.reopen(root, user) is True
    else:
        for act in (lambda: comments.add_reply(root, user, "Balasan"),
                    lambda: comments.resolve(root, user), lambda: comments.reopen(root, user)):
            with pytest.raises(PermissionDenied):
                act()
        root.refresh_from_db()
        assert root.resolved_at is None and not root.replies.exists()


def test_the_team_of_another_region_takes_no_part(world):
    masterplan = world.masterplans["own"]
    root = comments.add_comment(masterplan, masterplan, world.user("pembimbing"), "Utas")
    outsider = world.memberships["other"]["ketua"].user
    with pytest.raises(PermissionDenied):
        comments.add_reply(root, outsider, "Balasan")
    with pytest.raises(PermissionDenied):
        comments.resolve(root, outsider)


def test_commenting_works_in_every_status(world):
    masterplan = world.masterplans["own"]
    for status in MasterplanStatus.values:
        masterplan.status = status
        masterplan.save(update_fields=["status"])
        root = comments.add_comment(masterplan, masterplan, world.user("pembimbing"), status)
        comments.add_reply(root, world.user("anggota"), "Baik")
        assert comments.resolve(root, world.user("ketua"))
    assert Comment.objects.count() == 2 * len(MasterplanStatus.values)


def test_a_reply_to_a_reply_joins_the_root_thread(world):
    masterplan = world.masterplans["own"]
    entry = make_anchor("readiness.readinessentry", masterplan)
    root = comments.add_comment(masterplan, entry, world.user("pembimbing"), "Sumbernya?")
    first = comments.add_reply(root, world.user("anggota"), "BPS 2025")
    second = comments.add_reply(first, world.user("pembimbing"), "Terima kasih")
    assert first.parent_id == second.parent_id == root.pk
    assert (second.content_type_id, second.object_id, second.section_key, second.anchor_label) == (
        root.content_type_id, root.object_id, root.section_key, root.anchor_label)
    [thread] = comments.threads_on(masterplan, entry)
    assert [r.pk for r in thread.reply_list] == [first.pk, second.pk]
    # Resolving through a reply resolves the thread; a second resolve changes nothing.
    assert comments.resolve(second, world.user("anggota")) is True
    root.refresh_from_db()
    assert root.resolved_by == world.user("anggota") and root.resolved_at is not None
    assert comments.resolve(root, world.user("ketua")) is False
    root.refresh_from_db()
    assert root.resolved_by == world.user("anggota")
    assert not Comment.objects.filter(parent__isnull=False, resolved_at__isnull=False).exists()


def test_a_deleted_anchor_keeps_its_thread_readable(world, client):
    masterplan = world.masterplans["own"]
    sasaran = make_anchor("swot.sasaran", masterplan)
    root = comments.add_comment(masterplan, sasaran, world.user("pembimbing"), "Terlalu umum")
    label = root.anchor_label
    sasaran.delete()
    client.force_login(world.user("anggota"))
    response = client.get(reverse("comment_thread", kwargs={"region_code": "32.73",
                                                            "comment_pk": root.pk}))
    assert response.status_code == 200
    assert label in response.content.decode() and "sudah dihapus" in response.content.decode()


def test_open_counts_per_section(world):
    masterplan, other = world.masterplans["own"], world.masterplans["other"]
    pembimbing = world.user("pembimbing")
    table = make_anchor("readiness.subarea", masterplan)
    entry = make_anchor("readiness.readinessentry", masterplan)
    strategy = make_anchor("swot.strategy", masterplan)
    comments.add_comment(masterplan, table, pembimbing, "a")
    resolved = comments.add_comment(masterplan, entry, pembimbing, "b")
    comments.add_comment(masterplan, entry, pembimbing, "c")
    root = comments.add_comment(masterplan, strategy, pembimbing, "d")
    comments.add_reply(root, world.user("ketua"), "replies are not threads")
    comments.add_comment(masterplan, masterplan, pembimbing, "e")
    comments.resolve(resolved, pembimbing)
    comments.add_comment(other, other, world.user("admin"), "f")
    counts = open_comment_counts([masterplan, other])
    assert counts == {masterplan.pk: {"readiness": 2, "swot": 1, "masterplan": 1},
                      other.pk: {"masterplan": 1}}
    assert comments.anchor_counts(masterplan.pk, type(entry)) == {entry.pk: (1, 2)}


def test_open_counts_cost_one_query_however_many_masterplans(world, django_assert_num_queries):
    from masterplan.models import Region

    regions = list(Region.objects.filter(province__code="11")[:4])
    masterplans = [world.masterplans["own"]] + [MasterplanFactory(region=r) for r in regions]
    for masterplan in masterplans:
        comments.add_comment(masterplan, make_anchor("swot.worksheet", masterplan),
                             world.user("admin"), "Catatan")
    with django_assert_num_queries(1):
        one = open_comment_counts(masterplans[:1])
    with django_assert_num_queries(1):
        five = open_comment_counts(masterplans)
    assert one == {masterplans[0].pk: {"swot": 1}}
    assert len(five) == 5 and all(v == {"swot": 1} for v in five.values())
    with django_assert_num_queries(0):
        assert open_comment_counts([]) == {}


def test_an_anchor_whose_page_does_not_exist_links_to_the_region(world):
    """E.g. a program before the program pages existed: NoReverseMatch falls back."""
    from dataclasses import replace

    masterplan = world.masterplans["own"]
    program = make_anchor("roadmap.program", masterplan)
    kind = replace(comments.kind_of(program),
                   url=lambda obj, mp: reverse("no_such_page", kwargs={"pk": obj.pk}))
    assert comments.anchor_url(kind, program, masterplan) == "/wilayah/32.73/"
    assert comments.anchor_url(comments.kind_of(program), program, masterplan).startswith(
        "/wilayah/32.73/")
