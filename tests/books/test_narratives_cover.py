import http.server
import importlib
import io
import threading

import pytest
from django.apps import apps as django_apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from books.cover import svg_to_png
from books.forms import NarrativeForm
from books.layout import book_html
from books.models import BookCover, NarrativeSection
from masterplan.models import Masterplan
from masterplan.rendering.typesetting import html_to_pdf

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


# --- SVG logos: drawn to PNG at upload, nothing fetched ----------------------------------------

@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def listener():
    """A local HTTP server that records every request: an SVG that made the server fetch
    anything would show up here."""
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(png_bytes())

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", requests
    server.shutdown()
    server.server_close()


def svg(body, root='viewBox="0 0 20 10"'):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'{root}>{body}</svg>').encode()


def media_files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) \
        if root.exists() else []


def test_an_svg_logo_is_stored_as_the_png_drawn_from_it(client, world, media, listener):
    base, requests = listener
    # What the old sanitiser let through: a CSS escape (\75 is "u") for url(), plus scripts,
    # event handlers, foreignObject and a link to elsewhere.
    dirty = svg(f'<script>fetch("{base}/skrip")</script>'
                f'<rect width="20" height="10" fill="red" onload="fetch(\'{base}/onload\')"/>'
                f'<circle cx="5" cy="5" r="3" style="fill:\\75 rl({base}/css)"/>'
                f'<foreignObject><img xmlns="http://www.w3.org/1999/xhtml" src="{base}/fo"/>'
                f'</foreignObject><a href="{base}/a"><rect width="1" height="1"/></a>')
    client.force_login(world.user("ketua"))
    response = cover_post(client, world, SimpleUploadedFile("Logo Kota.svg", dirty))
    assert response.status_code == 302
    cover = BookCover.objects.get(masterplan=world.masterplans["own"])
    assert cover.logo.name.endswith("Logo_Kota.png")
    with cover.logo.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        assert image.format == "PNG" and image.size == (1200, 600)
        assert image.convert("RGB").getpixel((1100, 500)) == (255, 0, 0)
    assert [name.rsplit(".", 1)[-1] for name in media_files(media)] == ["png"]
    assert requests == []


@pytest.mark.parametrize("body", [
    '<image href="{base}/gambar.png" width="5" height="5"/>',
    '<image xlink:href="data:image/png;base64,iVBORw0KGgo=" width="5" height="5"/>',
    '<use xlink:href="{base}/lain.svg#bentuk"/>',
    '<style>@import url({base}/gaya.css);</style><rect width="5" height="5"/>',
])
def test_an_svg_that_needs_another_file_is_refused_without_fetching_it(client, world, media,
                                                                     listener, body):
    base, requests = listener
    client.force_login(world.user("ketua"))
    before = BookCover.objects.get(masterplan=world.masterplans["own"])
    response = cover_post(client, world,
                          SimpleUploadedFile("logo.svg", svg(body.format(base=base))))
    assert response.status_code == 422
    assert "Logo SVG merujuk gambar, gaya atau berkas lain di luar dirinya" in \
        response.content.decode()
    after = BookCover.objects.get(masterplan=world.masterplans["own"])
    assert (after.logo.name, after.title, after.version) == (before.logo.name, before.title,
                                                             before.version)
    assert media_files(media) == [] and requests == []


@pytest.mark.parametrize("data,message", [
    (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>'
     b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><text>&a;</text></svg>',
     "Berkas SVG tidak dapat dibaca."),
    (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect></svg>',
     "Berkas SVG tidak dapat dibaca."),
    (b'<?xml version="1.0"?><html><svg/></html>', "Berkas bukan gambar SVG."),
    (svg("", root='width="100%" height="100%"'), "Logo SVG harus menyebutkan ukurannya"),
    (svg("", root='viewBox="0 0 1000 1"'), "Logo SVG harus menyebutkan ukurannya"),
    (svg("<!--" + "x" * (1024 * 1024) + "-->"), "Logo SVG terlalu besar (paling besar 1 MB)"),
])
def test_svg_that_does_not_parse_or_is_unbounded_is_refused(client, world, media, data, message):
    client.force_login(world.user("ketua"))
    response = cover_post(client, world, SimpleUploadedFile("logo.svg", data))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert BookCover.objects.get(masterplan=world.masterplans["own"]).logo.name == ""
    assert media_files(media) == []


@pytest.mark.parametrize("root,size", [
    ('width="200000" height="100000"', (1200, 600)),
    ('width="3" height="4px"', (900, 1200)),
    ('width="10cm" height="5cm"', (1200, 600)),
    ('width="1" height="1" viewBox="0 0 40 10"', (1200, 300)),
])
def test_the_png_of_an_svg_is_bounded_whatever_size_it_claims(root, size):
    png = svg_to_png(svg('<rect width="100" height="100" fill="blue"/>', root=root))
    assert Image.open(io.BytesIO(png)).size == size


def test_a_png_logo_with_too_many_pixels_is_refused(client, world, media):
    buffer = io.BytesIO()
    Image.new("1", (6000, 5000)).save(buffer, "PNG")
    client.force_login(world.user("ketua"))
    response = cover_post(client, world, SimpleUploadedFile("logo.png", buffer.getvalue()))
    assert response.status_code == 422
    assert "Gambar logo terlalu besar ukurannya" in response.content.decode()
    assert media_files(media) == []


def test_stored_svg_logos_are_drawn_to_png_and_undrawable_ones_removed(world, media):
    own = BookCover.objects.get(masterplan=world.masterplans["own"])
    own.logo.save("lambang.svg", ContentFile(svg('<rect width="20" height="10" fill="red"/>')))
    other = BookCover.objects.get(masterplan=world.masterplans["other"])
    other.logo.save("lambang.svg", ContentFile(svg('<image href="http://contoh.invalid/x.png"/>')))
    migration = importlib.import_module("books.migrations.0002_rasterise_svg_logos")
    migration.rasterise(django_apps, None)
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.logo.name == "logo/32.73/lambang.png" and other.logo.name == ""
    with own.logo.open("rb") as handle:
        assert Image.open(io.BytesIO(handle.read())).size == (1200, 600)
    assert media_files(media) == ["logo/32.73/lambang.png"]


def test_the_cover_of_buku_iii_shows_a_logo_drawn_from_svg(client, world, media):
    client.force_login(world.user("ketua"))
    logo = svg('<rect width="20" height="10" fill="#0000ff"/>')
    assert cover_post(client, world, SimpleUploadedFile("logo.svg", logo)).status_code == 302
    masterplan = Masterplan.objects.get(pk=world.masterplans["own"].pk)
    pdf = html_to_pdf(book_html("3", masterplan)[0])[0]
    first_page = PdfReader(io.BytesIO(pdf)).pages[0]
    images = list(first_page.images)
    assert len(images) == 1
    assert images[0].image.convert("RGB").getpixel((10, 10)) == (0, 0, 255)
