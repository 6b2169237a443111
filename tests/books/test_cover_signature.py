"""The cover as government documents set it (PEMERINTAH …, the emblem or its marked box, the
period) and the Kata Sambutan's signature block from the cover's fields, with their form."""

from datetime import date

import pytest
from django.urls import reverse

from books.contexts import BUILDERS
from books.forms import CoverForm
from books.front_matter import government_name, head_of_region
from books.layout import compose
from books.models import BookCover
from masterplan.models import Masterplan, Region

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("name", "kind", "government", "head"), [
    ("KOTA BANDUNG", "kota", "PEMERINTAH KOTA BANDUNG", "Wali Kota Bandung"),
    ("KABUPATEN BANYUWANGI", "kabupaten", "PEMERINTAH KABUPATEN BANYUWANGI", "Bupati Banyuwangi"),
    ("JAWA BARAT", "provinsi", "PEMERINTAH PROVINSI JAWA BARAT", "Gubernur Jawa Barat"),
    ("Kota  Bandung", "kota", "PEMERINTAH KOTA BANDUNG", "Wali Kota Bandung"),
    ("BANYUWANGI", "kabupaten", "PEMERINTAH KABUPATEN BANYUWANGI", "Bupati Banyuwangi"),
])
def test_government_and_head_follow_the_regions_kind(name, kind, government, head):
    region = Region(name=name, kind=kind)
    assert government_name(region) == government
    assert head_of_region(region) == head


def fresh(masterplan):
    """The masterplan without its cached cover row."""
    return Masterplan.objects.get(pk=masterplan.pk)


def cover_of(html):
    return html[html.index('<section class="cover">'):html.index('<section class="front">')]


def test_the_cover_names_the_government_the_period_and_marks_a_missing_emblem(world):
    masterplan = world.masterplans["own"]
    cover = cover_of(compose("books/book3.html", BUILDERS["3"](masterplan)))
    assert '<div class="government">PEMERINTAH KOTA BANDUNG</div>' in cover
    assert f"Periode {masterplan.start_year}–{masterplan.end_year}" in cover
    assert '<div class="logo-placeholder">Lambang daerah</div>' in cover
    assert "<img" not in cover
    BookCover.objects.filter(masterplan=masterplan).update(logo="logo/32.73/lambang.png")
    cover = cover_of(compose("books/book3.html", BUILDERS["3"](fresh(masterplan))))
    assert '<img class="logo" src="/media/logo/32.73/lambang.png"' in cover
    assert "logo-placeholder" not in cover


def sambutan(html):
    start = html.index('id="sambutan-kepala-daerah"')
    return html[start:html.index("<h1", start)]


def test_the_sambutan_ends_with_the_signature_block_from_the_cover(world):
    masterplan = world.masterplans["own"]
    BookCover.objects.filter(masterplan=masterplan).update(
        signatory_name="Dr. H. Ahmad Nugraha, M.Si.", signatory_title="Wali Kota Bandung",
        signing_place="Bandung", signing_date=date(2026, 3, 2))
    html = compose("books/book2.html", BUILDERS["2"](fresh(masterplan)))
    block = sambutan(html)
    assert '<div class="signature">' in block
    assert '<p class="signing">Bandung, 2 Maret 2026</p>' in block
    assert '<p class="signatory-title">Wali Kota Bandung,</p>' in block
    assert '<p class="signatory-name">Dr. H. Ahmad Nugraha, M.Si.</p>' in block
    assert html.count('<div class="signature">') == 1  # only under the Kepala Daerah's sambutan


def test_a_draft_without_signatory_shows_what_is_missing_and_the_heads_title(world):
    masterplan = world.masterplans["own"]
    block = sambutan(compose("books/book2.html", BUILDERS["2"](masterplan)))
    assert '<span class="empty">[tempat]</span>, <span class="empty">[tanggal]</span>' in block
    assert '<p class="signatory-title">Wali Kota Bandung,</p>' in block
    assert "[nama penanda tangan]" in block


def form_for(masterplan, **data):
    cover = BookCover.objects.get(masterplan=masterplan)
    values = {"title": "", "year": "", "signatory_name": "", "signatory_title": "",
              "signing_place": "", "signing_date": "", "version": cover.version}
    values.update(data)
    return CoverForm(values, instance=cover)


def test_the_cover_form_accepts_a_complete_signature(world):
    masterplan = world.masterplans["own"]
    form = form_for(masterplan, signatory_name="  Dr. H. Ahmad   Nugraha ", signing_place="Bandung",
                    signing_date="02/03/2026", signatory_title="Wali Kota Bandung")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["signatory_name"] == "Dr. H. Ahmad Nugraha"
    assert form.cleaned_data["signing_date"] == date(2026, 3, 2)
    assert form.fields["signatory_title"].widget.attrs["placeholder"] == "Wali Kota Bandung"


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"signatory_name": "12345"}, "signatory_name", "Nama penanda tangan harus berisi huruf."),
    ({"signatory_title": "-"}, "signatory_title", "Jabatan penanda tangan harus berisi huruf."),
    ({"signing_place": "123", "signing_date": "2026-03-02"}, "signing_place",
     "Tempat penandatanganan harus berisi nama tempat."),
    ({"signing_date": "2026-03-02"}, "signing_place",
     "Tempat penandatanganan wajib diisi bila tanggal diisi."),
    ({"signing_place": "Bandung"}, "signing_date",
     "Tanggal penandatanganan wajib diisi bila tempat diisi."),
    ({"signing_place": "Bandung", "signing_date": "2016-12-31"}, "signing_date",
     "Tanggal penandatanganan harus antara tahun 2017 dan 2100."),
    ({"signing_place": "Bandung", "signing_date": "besok"}, "signing_date",
     "Tanggal tidak dikenali; tulis seperti 2026-12-04 atau 04/12/2026."),
    ({"signatory_name": "x" * 121}, "signatory_name", "paling banyak 120 karakter"),
])
def test_the_cover_form_refuses_what_cannot_be_printed(world, data, field, message):
    form = form_for(world.masterplans["own"], **data)
    assert not form.is_valid()
    assert any(message in error for error in form.errors[field]), form.errors


def test_the_cover_page_saves_the_signature_and_says_why_it_refuses(client, world):
    cover = BookCover.objects.get(masterplan=world.masterplans["own"])
    url = reverse("book_cover", kwargs={"region_code": world.own.code})
    client.force_login(world.user("anggota"))
    page = client.get(url).content.decode()
    assert "Nama penanda tangan kata sambutan" in page and "Lambang daerah" in page
    refused = client.post(url, {"version": cover.version, "signing_date": "2026-03-02"})
    assert refused.status_code == 422
    assert "Tempat penandatanganan wajib diisi bila tanggal diisi." in refused.content.decode()
    saved = client.post(url, {"version": cover.version, "signing_date": "2026-03-02",
                              "signing_place": "Bandung", "signatory_name": "Ahmad Nugraha",
                              "signatory_title": "Wali Kota Bandung"})
    assert saved.status_code == 302
    cover.refresh_from_db()
    assert (cover.signatory_name, cover.signing_place, cover.signing_date) == (
        "Ahmad Nugraha", "Bandung", date(2026, 3, 2))
