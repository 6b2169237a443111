import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from masterplan.books.cover import sanitize_svg
from masterplan.forms_books import NarrativeForm
from masterplan.models_books import BookCover, NarrativeSection

pytestmark = pytest.mark.django_db


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def cover_post(client, world, upload, **extra):
    cover = BookCover.objects.get(masterplan=world.masterplans["own"])
    url = reverse("book_cover", kwargs={"region_code": world.own.code})
    data = {"title": "Judul sampul", "year": "2026", "version": cover.version, "logo": upload,
            **extra}
    return client.post(url, data)


def test_landasan_hukum_starts_with_the_guides_eleven_legal_bases(world):
    text = NarrativeSection.objects.get(masterplan=world.masterplans["own"],
                                        key="landasan_hukum").text
    lines = text.splitlines()
    assert len(lines) == 11
    assert lines[0] == ("1. Undang-undang Nomor 25 Tahun 2004 tentang Sistem Perencanaan "
                        "Pembangunan Nasional")


def test_narrative_is_saved_and_a_stale_save_is_refused(client, world):
    section = NarrativeSection.objects.get(masterplan=world.masterplans["own"], key="penutup")
    stale = {"text": "Versi lama", "version": section.version,
             "snapshot": NarrativeForm(instance=section)["snapshot"].value()}
    url = reverse("narrative_edit", kwargs={"region_code": world.own.code, "key": "penutup"})
    client.force_login(world.user("anggota"))
    assert client.post(url, {**stale, "text": "Versi Ani"}).status_code == 302
    response = client.post(url, stale)
    assert response.status_code == 422 and "sudah diubah oleh" in response.content.decode()
    assert NarrativeSection.objects.get(pk=section.pk).text == "Versi Ani"
    assert client.get(reverse("narrative_edit", kwargs={
        "region_code": world.own.code, "key": "tidak-ada"})).status_code == 404


def test_png_logo_is_stored(client, world):
    client.force_login(world.user("ketua"))
    response = cover_post(client, world, SimpleUploadedFile("logo.png", png_bytes()))
    assert response.status_code == 302
    cover = BookCover.objects.get(masterplan=world.masterplans["own"])
    assert cover.logo.name.endswith("logo.png") and cover.title == "Judul sampul"


@pytest.mark.parametrize("name,data", [
    ("logo.png", b"GIF89a not a png"),
    ("logo.svg", png_bytes()),
    ("logo.jpg", png_bytes()),
    ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),  # a broken PNG
])
def test_false_or_broken_logos_are_refused_and_nothing_saved(client, world, name, data):
    client.force_login(world.user("ketua"))
    before = BookCover.objects.get(masterplan=world.masterplans["own"])
    response = cover_post(client, world, SimpleUploadedFile(name, data))
    assert response.status_code == 422
    after = BookCover.objects.get(masterplan=world.masterplans["own"])
    assert (after.logo.name, after.title, after.version) == (before.logo.name, before.title,
                                                             before.version)


def test_svg_logo_is_sanitised():
    dirty = (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" viewBox="0 0 10 10">'
             b'<script>alert(2)</script><a href="javascript:x"><rect width="5" height="5"/></a>'
             b'<circle r="3" style="fill:url(http://evil/x)" fill="red"/>'
             b'<image href="http://evil/x.png"/><foreignObject><p>x</p></foreignObject></svg>')
    clean = sanitize_svg(dirty).decode()
    for bad in ("onload", "script", "javascript", "evil", "foreignObject", "<image"):
        assert bad not in clean
    assert "<circle" in clean and 'fill="red"' in clean
