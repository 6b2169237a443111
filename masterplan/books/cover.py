"""The cover's logo: PNG, JPEG or SVG, checked by content; SVG is sanitised before it is kept."""

import io
import re

from defusedxml import ElementTree
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from ..editing import save_versioned

MAX_LOGO_BYTES = 2 * 1024 * 1024
SVG_NS = "http://www.w3.org/2000/svg"
XLINK = "{http://www.w3.org/1999/xlink}href"
ALLOWED_SVG_TAGS = {"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline",
                    "polygon", "text", "tspan", "defs", "linearGradient", "radialGradient",
                    "stop", "title", "desc", "clipPath", "mask", "use", "symbol"}
ALLOWED_SVG_ATTRIBUTES = {
    "id", "class", "viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy",
    "r", "rx", "ry", "d", "points", "fill", "fill-opacity", "fill-rule", "stroke",
    "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin", "stroke-dasharray",
    "opacity", "transform", "offset", "stop-color", "stop-opacity", "gradientUnits",
    "gradientTransform", "font-family", "font-size", "font-weight", "text-anchor",
    "clip-path", "mask", "preserveAspectRatio", "version", "href", XLINK, "style",
}
_DANGEROUS_STYLE = re.compile(r"url\s*\(|expression|@import|javascript:", re.I)


def logo_kind(data):
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    head = data[:512].lstrip().lower()
    if head.startswith(b"<?xml") or head.startswith(b"<svg") or b"<svg" in head:
        return "svg"
    return None


def sanitize_svg(data):
    """The SVG with only drawing elements and attributes kept (no script, events, external
    references); raises ValidationError when it is not SVG at all."""
    try:
        root = ElementTree.fromstring(data)
    except Exception:
        raise ValidationError(_("Berkas SVG tidak dapat dibaca.")) from None
    if root.tag not in ("svg", f"{{{SVG_NS}}}svg"):
        raise ValidationError(_("Berkas bukan gambar SVG."))

    def clean(element):
        for child in list(element):
            local = child.tag.split("}")[-1] if isinstance(child.tag, str) else ""
            if local not in ALLOWED_SVG_TAGS:
                element.remove(child)
                continue
            clean(child)
        for name in list(element.attrib):
            value = element.attrib[name]
            local = name.split("}")[-1] if not name.startswith("{http://www.w3.org/1999/xlink}") \
                else name
            if local not in ALLOWED_SVG_ATTRIBUTES and name not in ALLOWED_SVG_ATTRIBUTES:
                del element.attrib[name]
            elif local in ("href", XLINK) and not value.startswith("#"):
                del element.attrib[name]
            elif local == "style" and _DANGEROUS_STYLE.search(value):
                del element.attrib[name]

    clean(root)
    from xml.etree import ElementTree as StdElementTree

    StdElementTree.register_namespace("", SVG_NS)
    return StdElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


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
        data = sanitize_svg(data)
    else:
        from PIL import Image

        try:
            Image.open(io.BytesIO(data)).verify()
        except Exception:
            raise ValidationError(_("Berkas gambar rusak atau tidak lengkap.")) from None
    name = get_valid_filename(upload.name.rsplit(".", 1)[0])[:60] or "logo"
    return f"{name}.{ 'jpg' if kind == 'jpg' else kind }", data


def save_cover(form, user):
    """Save the cover form; the logo is validated (and SVG sanitised) before anything is saved."""
    upload = form.cleaned_data.get("logo")
    replacement = validated_logo(upload) if upload else None

    def store(obj):
        if form.cleaned_data.get("remove_logo") and obj.logo:
            obj.logo.delete(save=True)
        if replacement:
            name, data = replacement
            obj.logo.save(name, ContentFile(data), save=True)

    return save_versioned(form, user, save_related=store)
