"""Comment pages and endpoints: htmx and plain posts, refusals, the inbox and notifications."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from masterplan import comments, workflow
from masterplan.models import Comment, MasterplanStatus, Notification

from .comment_helpers import anchor_url, make_anchor

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
REFUSED = "Objek yang dikomentari bukan milik masterplan wilayah ini."
TABLE_URL = "/wilayah/32.73/kesiapan/tabel/ii-2/"


def thread_url(root, action=""):
    names = {"": "comment_thread", "reply": "comment_reply", "resolve": "comment_resolve",
             "reopen": "comment_reopen"}
    return reverse(names[action], kwargs={"region_code": "32.73", "comment_pk": root.pk})


@pytest.fixture
def table(world):
    return make_anchor("readiness.subarea", world.masterplans["own"])


@pytest.fixture
def thread(world, table):
    return comments.add_comment(world.masterplans["own"], table, world.user("pembimbing"),
                                "Sumber data tabel ini belum lengkap.")


def test_pembimbing_comments_with_htmx_and_gets_the_block_back(client, world, table):
    client.force_login(world.user("pembimbing"))
    response = client.post(anchor_url(world.own, "readiness.subarea", table),
                           {"text": "Lengkapi tahun data.", "next": TABLE_URL}, **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith("<section") and "<html" not in body
    assert f'id="komentar-readiness-subarea-{table.pk}"' in body
    assert "Lengkapi tahun data." in body and "1 terbuka" in body
    comment = Comment.objects.get()
    assert (comment.object_id, comment.author, comment.section_key) == (
        table.pk, world.user("pembimbing"), "readiness")


def test_a_plain_post_redirects_back_to_the_page(client, world, table):
    client.force_login(world.user("admin"))
    response = client.post(anchor_url(world.own, "readiness.subarea", table),
                           {"text": "Catatan admin", "next": TABLE_URL})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{TABLE_URL}#komentar-{comment.pk}"
    assert comment.author_role == "admin"
    page = client.get(TABLE_URL).content.decode()
    assert "Catatan admin" in page and "Komentar dikirim." in page


def test_an_unsafe_next_is_ignored(client, world, thread):
    client.force_login(world.user("anggota"))
    response = client.post(thread_url(thread, "reply"),
                           {"text": "Sudah", "next": "https://contoh.invalid/curi"})
    assert response["Location"].startswith(thread_url(thread) + "#komentar-")


def test_empty_text_is_refused_with_a_message(client, world, table, thread):
    client.force_login(world.user("pembimbing"))
    url = anchor_url(world.own, "readiness.subarea", table)
    response = client.post(url, {"text": "  ", "next": TABLE_URL}, **HTMX)
    assert response.status_code == 422
    assert "Tuliskan komentar terlebih dahulu." in response.content.decode()
    response = client.post(url, {"text": ""})
    assert response.status_code == 422
    assert "Tuliskan komentar terlebih dahulu." in response.content.decode()
    response = client.post(thread_url(thread, "reply"), {"text": ""}, **HTMX)
    assert response.status_code == 422 and "Tuliskan komentar" in response.content.decode()
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("role", ["pembimbing", "admin"])
@pytest.mark.parametrize("key", ["readiness.readinessentry", "swot.strategy", "swot.sasaran",
                                 "bimtek.report", "masterplan.masterplan"])
def test_commenting_on_an_object_of_another_region_through_own_url_is_refused(
        client, world, role, key):
    """422 with the Indonesian refusal (the project's "input refused" status); nothing saved."""
    foreign = make_anchor(key, world.masterplans["other"])
    client.force_login(world.user(role))
    url = anchor_url(world.own, key, foreign)
    for extra in ({}, HTMX):
        response = client.post(url, {"text": "Komentar salah alamat"}, **extra)
        assert response.status_code == 422
        assert REFUSED in response.content.decode()
    assert not Comment.objects.exists() and not Notification.objects.exists()
    # Reading that object's comment page through the own region's URL is a 404.
    assert client.get(url).status_code == 404


def test_an_unknown_anchor_kind_is_404(client, world):
    client.force_login(world.user("pembimbing"))
    url = reverse("comment_anchor", kwargs={"region_code": "32.73",
                                            "app_model": "masterplan.membership", "object_pk": 1})
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "x"}).status_code == 404


def test_a_comment_of_another_region_is_not_reached_through_own_url(client, world):
    other = world.masterplans["other"]
    foreign = comments.add_comment(other, other, world.user("admin"), "Banyuwangi")
    client.force_login(world.user("admin"))
    for action in ("", "reply", "resolve"):
        url = thread_url(foreign, action)
        response = client.post(url, {"text": "x"}) if action else client.get(url)
        assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.resolved_at is None and not foreign.replies.exists()


def test_team_replies_and_resolves_with_htmx_while_submitted(client, world, thread):
    masterplan = world.masterplans["own"]
    workflow.apply(masterplan, "submit", world.user("ketua"), bimtek_number=1)
    assert masterplan.status == MasterplanStatus.DIAJUKAN
    client.force_login(world.user("anggota"))
    response = client.post(thread_url(thread, "reply"),
                           {"text": "Sudah kami tambahkan.", "next": TABLE_URL}, **HTMX)
    assert response.status_code == 200
    assert "Sudah kami tambahkan." in response.content.decode()
    response = client.post(thread_url(thread, "resolve"), {"next": TABLE_URL}, **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Selesai" in body and "Buka kembali" in body and "0 terbuka" in body
    thread.refresh_from_db()
    assert thread.resolved_by == world.user("anggota")
    client.force_login(world.user("pembimbing"))
    response = client.post(thread_url(thread, "reopen"), {"next": TABLE_URL})
    assert response.status_code == 302 and response["Location"].endswith(f"#utas-{thread.pk}")
    thread.refresh_from_db()
    assert thread.resolved_at is None and thread.resolved_by is None


def test_the_thread_page_posts_back_its_single_thread(client, world, table, thread):
    comments.add_comment(world.masterplans["own"], table, world.user("pembimbing"), "Lainnya")
    client.force_login(world.user("ketua"))
    page = client.get(thread_url(thread)).content.decode()
    assert "Sumber data tabel ini belum lengkap." in page and "Lainnya" not in page
    assert 'name="tampilan" value="utas"' in page
    response = client.post(thread_url(thread, "reply"),
                           {"text": "Baik.", "tampilan": "utas", "next": thread_url(thread)},
                           **HTMX)
    body = response.content.decode()
    assert f'id="utas-{thread.pk}"' in body and "Baik." in body and "Lainnya" not in body


def test_dewan_reads_threads_without_forms_and_may_not_reply(client, world, thread):
    client.force_login(world.user("dewan"))
    page = client.get(thread_url(thread)).content.decode()
    assert "Sumber data tabel ini belum lengkap." in page
    assert "Kirim balasan" not in page and "Tandai selesai" not in page
    table_page = client.get(TABLE_URL).content.decode()
    assert "Sumber data tabel ini belum lengkap." in table_page
    assert "Kirim komentar" not in table_page
    assert client.post(thread_url(thread, "reply"), {"text": "x"}).status_code == 403
    assert client.post(thread_url(thread, "resolve")).status_code == 403
    assert Comment.objects.count() == 1


def test_team_sees_no_new_comment_form(client, world, table):
    client.force_login(world.user("ketua"))
    page = client.get(anchor_url(world.own, "readiness.subarea", table)).content.decode()
    assert "Belum ada komentar." in page and "Kirim komentar" not in page
    response = client.post(anchor_url(world.own, "readiness.subarea", table), {"text": "x"})
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_readiness_table_shows_the_table_thread_and_a_badge_per_component(client, world, thread):
    masterplan = world.masterplans["own"]
    entry = make_anchor("readiness.readinessentry", masterplan)
    comments.add_comment(masterplan, entry, world.user("pembimbing"), "Angka 2025?")
    client.force_login(world.user("anggota"))
    page = client.get(TABLE_URL).content.decode()
    assert "Sumber data tabel ini belum lengkap." in page
    assert page.count("1 komentar terbuka") == 1
    assert anchor_url(world.own, "readiness.readinessentry", entry) in page
    # A pembimbing gets a link to comment on each component without comments.
    client.force_login(world.user("pembimbing"))
    page = client.get(TABLE_URL).content.decode()
    assert page.count("+ Komentari") == masterplan.readiness_entries.filter(
        sub_area__code="human_resources").count() - 1


def test_table_page_queries_do_not_grow_with_commented_rows(client, world):
    masterplan = world.masterplans["own"]
    entries = list(masterplan.readiness_entries.filter(sub_area__code="human_resources")[:6])
    client.force_login(world.user("pembimbing"))
    comments.add_comment(masterplan, entries[0], world.user("pembimbing"), "Satu")
    client.get(TABLE_URL)
    with CaptureQueriesContext(connection) as one:
        client.get(TABLE_URL)
    for entry in entries[1:]:
        root = comments.add_comment(masterplan, entry, world.user("pembimbing"), "Lagi")
        comments.add_reply(root, world.user("anggota"), "Balas")
    with CaptureQueriesContext(connection) as six:
        client.get(TABLE_URL)
    assert len(six) == len(one)


def test_swot_worksheet_sasaran_and_status_pages_show_threads(client, world):
    masterplan = world.masterplans["own"]
    pembimbing = world.user("pembimbing")
    strategy = make_anchor("swot.strategy", masterplan)
    sasaran = make_anchor("swot.sasaran", masterplan)
    comments.add_comment(masterplan, strategy.worksheet, pembimbing, "Kertas kerja ini tipis")
    comments.add_comment(masterplan, strategy, pembimbing, "Strategi kurang spesifik")
    comments.add_comment(masterplan, sasaran, pembimbing, "Sasaran belum terukur")
    comments.add_comment(masterplan, masterplan, pembimbing, "Secara umum baik")
    client.force_login(world.user("anggota"))
    sheet = client.get(reverse("swot_worksheet", kwargs={
        "region_code": "32.73", "worksheet_pk": strategy.worksheet_id})).content.decode()
    assert "Kertas kerja ini tipis" in sheet and "1 komentar terbuka" in sheet
    assert "Strategi kurang spesifik" not in sheet  # on the strategy's own page
    detail = client.get(reverse("sasaran_detail", kwargs={
        "region_code": "32.73", "sasaran_pk": sasaran.pk})).content.decode()
    assert "Sasaran belum terukur" in detail
    status = client.get(reverse("masterplan_status", kwargs={"region_code": "32.73"}))
    assert "Secara umum baik" in status.content.decode()


def test_region_page_and_list_show_open_counts(client, world, thread):
    masterplan = world.masterplans["own"]
    pembimbing = world.user("pembimbing")
    comments.add_comment(masterplan, make_anchor("swot.sasaran", masterplan), pembimbing, "a")
    comments.add_comment(masterplan, make_anchor("swot.sasaran", masterplan), pembimbing, "b")
    comments.add_comment(masterplan, masterplan, pembimbing, "c")
    client.force_login(world.user("anggota"))
    page = client.get(reverse("region_detail", kwargs={"region_code": "32.73"})).content.decode()
    assert "4 komentar terbuka" in page and "1 tentang masterplan secara umum" in page
    assert "?bagian=readiness" in page and "?bagian=sasaran" in page
    assert page.count("1 komentar terbuka") == 1 and page.count("2 komentar terbuka") == 1
    client.force_login(world.user("pembimbing"))
    listing = client.get(reverse("region_list")).content.decode()
    assert "4 komentar terbuka" in listing


def test_region_comments_page_filters_by_section_and_state(client, world, thread):
    masterplan = world.masterplans["own"]
    other = comments.add_comment(masterplan, masterplan, world.user("pembimbing"), "Umum")
    comments.resolve(other, world.user("ketua"))
    client.force_login(world.user("dewan"))
    url = reverse("region_comments", kwargs={"region_code": "32.73"})
    page = client.get(url).content.decode()
    assert thread.anchor_label in page and "Masterplan: " not in page
    page = client.get(url, {"status": "semua"}).content.decode()
    assert thread.anchor_label in page and other.anchor_label in page
    page = client.get(url, {"status": "semua", "bagian": "masterplan"}).content.decode()
    assert thread.anchor_label not in page and other.anchor_label in page


def test_inbox_groups_open_threads_by_region_newest_first(client, world, thread):
    masterplan, other = world.masterplans["own"], world.masterplans["other"]
    later = comments.add_comment(masterplan, masterplan, world.user("admin"), "Lebih baru")
    done = comments.add_comment(masterplan, masterplan, world.user("admin"), "Sudah beres")
    comments.resolve(done, world.user("admin"))
    foreign = comments.add_comment(other, other, world.user("admin"), "Banyuwangi")
    comments.add_reply(thread, world.user("anggota"), "Sudah kami perbaiki")

    client.force_login(world.user("pembimbing"))
    response = client.get(reverse("comment_inbox"))
    assert response.status_code == 200
    regions = [region.code for region, _items in response.context["groups"]]
    assert regions == ["32.73"]  # only the regions the pembimbing reviews
    [(_region, items)] = response.context["groups"]
    assert [c.pk for c in items] == [thread.pk, later.pk]  # the reply made `thread` most recent
    body = response.content.decode()
    assert "Dibalas tim, menunggu tanggapan" in body and "Sudah beres" not in body

    client.force_login(world.user("admin"))
    response = client.get(reverse("comment_inbox"))
    assert {region.code for region, _items in response.context["groups"]} == {"32.73", "35.10"}
    assert foreign.pk in [c.pk for _r, items in response.context["groups"] for c in items]


def test_notifications_unread_first_mark_read_and_open(client, world):
    masterplan = world.masterplans["own"]
    anggota = world.user("anggota")
    first = comments.add_comment(masterplan, masterplan, world.user("pembimbing"), "Pertama")
    comments.add_comment(masterplan, masterplan, world.user("pembimbing"), "Kedua")
    older, newer = Notification.objects.filter(recipient=anggota).order_by("pk")
    client.force_login(anggota)
    page = client.get(TABLE_URL).content.decode()
    assert 'id="lonceng-jumlah">2<' in page

    response = client.post(reverse("notifications"), {"id": older.pk, "buka": "1"})
    assert response.status_code == 302
    assert response["Location"] == thread_url(first) + f"#komentar-{first.pk}"
    older.refresh_from_db()
    assert older.read_at is not None
    listing = client.get(reverse("notifications"))
    assert [n.pk for n in listing.context["page"]] == [newer.pk, older.pk]
    assert 'id="lonceng-jumlah">1<' in listing.content.decode()

    # Another account's notification is not reachable.
    ketua_note = Notification.objects.filter(recipient=world.user("ketua")).first()
    assert client.post(reverse("notifications"), {"id": ketua_note.pk}).status_code == 404
    ketua_note.refresh_from_db()
    assert ketua_note.read_at is None

    client.post(reverse("notifications"), {"semua": "1"})
    assert not Notification.objects.filter(recipient=anggota, read_at__isnull=True).exists()
    assert "lonceng-jumlah" not in client.get(TABLE_URL).content.decode()


def test_the_bell_costs_one_query_and_only_on_full_pages(client, world, thread):
    def bell_queries(captured):
        return [q for q in captured if "masterplan_notification" in q["sql"]
                and "COUNT" in q["sql"].upper()]

    client.force_login(world.user("anggota"))
    with CaptureQueriesContext(connection) as page:
        client.get(TABLE_URL)
    assert len(bell_queries(page.captured_queries)) == 1
    with CaptureQueriesContext(connection) as fragment:
        response = client.post(thread_url(thread, "resolve"), {"next": TABLE_URL}, **HTMX)
    assert response.status_code == 200
    assert bell_queries(fragment.captured_queries) == []


def test_the_bimtek_report_page_shows_the_report_thread(client, world):
    masterplan = world.masterplans["own"]
    report = make_anchor("bimtek.report", masterplan)
    comments.add_comment(masterplan, report, world.user("pembimbing"), "Lampirkan daftar hadir.")
    client.force_login(world.user("ketua"))
    page = client.get(reverse("bimtek_visit", kwargs={"region_code": "32.73", "number": 1}))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Lampirkan daftar hadir." in body and "Kirim balasan" in body
    # Another session's report has no thread of its own.
    other = client.get(reverse("bimtek_visit", kwargs={"region_code": "32.73", "number": 2}))
    assert "Lampirkan daftar hadir." not in other.content.decode()
