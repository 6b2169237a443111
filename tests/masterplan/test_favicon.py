"""The site's icon: linked from every page, shipped among the static files, and `/favicon.ico`
(asked for by browsers on their own) answers with it instead of a 404."""

import re
from io import BytesIO

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse
from PIL import Image

pytestmark = pytest.mark.django_db


def static_path(url):
    """The file a /static/ URL names, found by the staticfiles finders (None if none)."""
    prefix = static("")
    assert url.startswith(prefix), url
    return finders.find(url[len(prefix):])


def icon_links(html):
    return {match.group("type"): match.group("href") for match in re.finditer(
        r'<link rel="icon" href="(?P<href>[^"]+)" type="(?P<type>[^"]+)"', html)}


def test_pages_link_an_svg_and_a_32_pixel_png_icon_that_exist(client, world):
    links = icon_links(client.get(reverse("login")).content.decode())
    assert set(links) == {"image/svg+xml", "image/png"}
    svg = static_path(links["image/svg+xml"])
    assert svg and open(svg, "rb").read().lstrip().startswith(b"<svg")
    with Image.open(static_path(links["image/png"])) as image:
        assert (image.format, image.size) == ("PNG", (32, 32))
    client.force_login(world.user("ketua"))
    assert icon_links(client.get(reverse("password_change")).content.decode()) == links


def test_favicon_ico_redirects_to_an_icon_file_for_anyone(client, world):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    path = static_path(response["Location"])
    assert path is not None
    with open(path, "rb") as handle, Image.open(BytesIO(handle.read())) as image:
        assert image.format == "ICO"
        assert (32, 32) in image.info["sizes"]
    client.force_login(world.user("dewan"))
    assert client.get("/favicon.ico")["Location"] == response["Location"]
