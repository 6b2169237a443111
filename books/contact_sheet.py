"""A contact sheet of a typeset book: every page as a small picture on one PNG, labelled with the
number printed on it, for a person to look the book over at a glance (`make books`).

The pages are rasterised by poppler's `pdftoppm` (Debian's poppler-utils) and laid out with
Pillow; the page labels come from the PDF (masterplan/rendering/page_labels.py).
"""

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pypdf
from PIL import Image, ImageDraw

COLUMNS = 8
DPI = 30  # an A4 page becomes about 250 × 350 pixels
GAP = 12
LABEL_HEIGHT = 16
BACKGROUND = (200, 200, 200)


class RasteriserMissing(Exception):
    pass


def page_images(pdf, folder, dpi=DPI):
    """Write every page of `pdf` (bytes) as folder/page-NNN.png; the paths, in page order."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise RasteriserMissing("pdftoppm not found: install poppler-utils (apt-get install poppler-utils)")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("page-*.png"):
        old.unlink()
    with tempfile.NamedTemporaryFile(suffix=".pdf") as source:
        source.write(pdf)
        source.flush()
        subprocess.run([pdftoppm, "-png", "-r", str(dpi), source.name, str(folder / "page")],
                       check=True, timeout=600)
    # pdftoppm pads the numbers to the page count's width: page-1.png or page-001.png.
    return sorted(folder.glob("page-*.png"), key=lambda path: int(path.stem.split("-")[1]))


def contact_sheet(pdf, pages, columns=COLUMNS):
    """One image of the `pages` (PNG paths of `pdf`'s pages), each labelled with its page label."""
    labels = pypdf.PdfReader(io.BytesIO(pdf)).page_labels
    images = [Image.open(path).convert("RGB") for path in pages]
    width = max(image.width for image in images)
    height = max(image.height for image in images)
    rows = -(-len(images) // columns)
    sheet = Image.new("RGB", (GAP + columns * (width + GAP),
                              GAP + rows * (height + LABEL_HEIGHT + GAP)), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    for index, image in enumerate(images):
        row, column = divmod(index, columns)
        x = GAP + column * (width + GAP)
        y = GAP + row * (height + LABEL_HEIGHT + GAP)
        sheet.paste(image, (x, y))
        label = labels[index] if index < len(labels) else str(index + 1)
        draw.text((x, y + height + 2), f"{index + 1} · {label}", fill=(0, 0, 0))
        image.close()
    return sheet


def write_contact_sheet(pdf, folder, name):
    """folder/name.pdf, its pages under folder/name/ and the sheet folder/name.png; its path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.pdf").write_bytes(pdf)
    pages = page_images(pdf, folder / name)
    target = folder / f"{name}.png"
    contact_sheet(pdf, pages).save(target, optimize=True)
    return target
