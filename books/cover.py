"""The cover's logo: PNG, JPEG or SVG, checked by content. An SVG is never kept: it is drawn
to a PNG at upload (CairoSVG), so the stored logo is always a raster image.

The SVG is bounded before it is drawn: at most MAX_SVG_BYTES, parsed by defusedxml (no DTD,
entities or external references; a file that does not parse is refused), its root an <svg> with
a viewBox or a numeric width and height; the PNG is LOGO_PIXELS on its longer side whatever size
the SVG claims. CairoSVG runs with unsafe=False and a url_fetcher that refuses every URL (data:
URLs too), so an SVG that needs any other file (an <image>, a <use> or a stylesheet from
elsewhere) is refused, and nothing in it (scripts, event handlers, foreignObject, CSS, escaped or
not) can make the server fetch anything. Internal references (#id) are drawn.

SVG logos stored before this rule were drawn to PNG the same way by a data migration
(convert_svg_logos, books/migrations/0002_rasterise_svg_logos.py); one that could not be drawn
was removed, so its region uploads it again.
"""

import io
import os
import re

from cairosvg.surface import PNGSurface
from defusedxml import ElementTree
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image

from masterplan.editing import save_versioned

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_SVG_BYTES = 1024 * 1024
LOGO_PIXELS = 1200  # the longer side of the PNG drawn from an SVG
MAX_LOGO_PIXELS = 25_000_000  # a PNG or JPEG logo; WeasyPrint decodes it whole
MAX_ASPECT = 20  # a logo wider (or taller) than 20:1 is not a logo
SVG_NS = "http://www.w3.org/2000/svg"
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in)?\s*$")


class FetchRefused(Exception):
    """CairoSVG asked for a URL; logos may not load anything."""


def refuse_every_url(url, resource_type):
    raise FetchRefused(url)


def logo_kind(data):
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    head = data[:512].lstrip().lower()
    if head.startswith(b"<?xml") or head.startswith(b"<svg") or b"<svg" in head:
        return "svg"
    return None


def _proportions(root):
    """(width, height) of the SVG's drawing, in any one unit, or None when it does not say."""
    numbers = re.split(r"[\s,]+", (root.get("viewBox") or "").strip())
    if len(numbers) == 4:
        try:
            width, height = float(numbers[2]), float(numbers[3])
        except ValueError:
            width = height = 0
        if width > 0 and height > 0:
            return width, height
    sizes = [_LENGTH.match(root.get(name) or "") for name in ("width", "height")]
    if all(sizes) and (sizes[0].group(2) or "px") == (sizes[1].group(2) or "px"):
        width, height = float(sizes[0].group(1)), float(sizes[1].group(1))
        if width > 0 and height > 0:
            return width, height
    return None


def svg_to_png(data):
    """The PNG drawing of the SVG `data` (see the module's rules), or ValidationError."""
    if len(data) > MAX_SVG_BYTES:
        raise ValidationError(_("Logo SVG terlalu besar (paling besar 1 MB); unggah sebagai PNG."))
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except Exception:
        raise ValidationError(_("Berkas SVG tidak dapat dibaca.")) from None
    if root.tag not in ("svg", f"{{{SVG_NS}}}svg"):
        raise ValidationError(_("Berkas bukan gambar SVG."))
    proportions = _proportions(root)
    if proportions is None or max(proportions) / min(proportions) > MAX_ASPECT:
        raise ValidationError(_("Logo SVG harus menyebutkan ukurannya (viewBox, atau lebar dan "
                                "tinggi dalam satuan yang sama) dengan perbandingan sisi paling "
                                "besar 20:1."))
    width, height = proportions
    scale = LOGO_PIXELS / max(width, height)
    try:
        # svg2png() does not pass url_fetcher on; convert() hands it to the parser.
        png = PNGSurface.convert(bytestring=data, url_fetcher=refuse_every_url, unsafe=False,
                                 output_width=max(1, round(width * scale)),
                                 output_height=max(1, round(height * scale)))
    except FetchRefused:
        raise ValidationError(_("Logo SVG merujuk gambar, gaya atau berkas lain di luar dirinya, "
                                "padahal logo tidak boleh mengambil apa pun dari luar. Simpan "
                                "logo sebagai SVG tanpa rujukan luar, atau unggah sebagai PNG."))\
            from None
    except Exception:
        raise ValidationError(_("Berkas SVG tidak dapat digambar; unggah logo sebagai PNG."))\
            from None
    return png


def validated_logo(upload):
    """(file name, bytes) of an acceptable logo upload, or ValidationError."""
    if upload.size > MAX_LOGO_BYTES:
        raise ValidationError(_("Logo terlalu besar (paling besar 2 MB)."))
    data = upload.read()
    kind = logo_kind(data)
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    allowed = {"png": {"png"}, "jpg": {"jpg", "jpeg"}, "svg": {"svg"}}
    if kind is None or extension not in allowed[kind]:
        raise ValidationError(_("Logo harus berupa PNG, JPEG atau SVG, dan ekstensi berkas harus "
                                "sesuai isinya."))
    if kind == "svg":
        data, kind = svg_to_png(data), "png"
    else:
        try:
            image = Image.open(io.BytesIO(data))
            size = image.size
            image.verify()
        except Exception:
            raise ValidationError(_("Berkas gambar rusak atau tidak lengkap.")) from None
        if size[0] * size[1] > MAX_LOGO_PIXELS:
            raise ValidationError(_("Gambar logo terlalu besar ukurannya (paling banyak 25 juta "
                                    "piksel, misalnya 5000 × 5000)."))
    name = get_valid_filename(upload.name.rsplit(".", 1)[0])[:60] or "logo"
    return f"{name}.{kind}", data


def save_cover(form, user):
    """Save the cover form; the logo is validated (an SVG drawn to PNG) before anything is
    saved."""
    upload = form.cleaned_data.get("logo")
    replacement = validated_logo(upload) if upload else None

    def store(obj):
        if form.cleaned_data.get("remove_logo") and obj.logo:
            obj.logo.delete(save=True)
        if replacement:
            name, data = replacement
            obj.logo.save(name, ContentFile(data), save=True)

    return save_versioned(form, user, save_related=store)


def convert_svg_logos(covers):
    """Draw every stored SVG logo among `covers` (a BookCover queryset, also a migration's
    historical one) to PNG by svg_to_png and delete the SVG file; a logo that cannot be drawn is
    removed. Returns (converted, removed) counts."""
    converted = removed = 0
    for cover in covers.filter(logo__iendswith=".svg"):
        old = cover.logo.name
        storage = cover.logo.storage
        try:
            with storage.open(old, "rb") as handle:
                png = svg_to_png(handle.read(MAX_SVG_BYTES + 1))
        except (OSError, ValidationError):
            png = None
        if png:
            stem = os.path.splitext(os.path.basename(old))[0] or "logo"
            cover.logo.save(f"{stem}.png", ContentFile(png), save=False)
            converted += 1
        else:
            cover.logo = ""
            removed += 1
        type(cover).objects.filter(pk=cover.pk).update(logo=cover.logo.name or "")
        if storage.exists(old):
            storage.delete(old)
    return converted, removed
