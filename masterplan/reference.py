"""Reference data loaders: guide editions, regions (Kemendagri codes) and batches.

Each loader is idempotent and takes the model classes it writes, so the same code serves the
data migrations (historical models) and tests that must reload data after a table flush.
The region rows come from data/wilayah/ (ODbL 1.0, see data/wilayah/README.md).
"""

import csv
from pathlib import Path

from .guide import guide

WILAYAH_DIR = Path(__file__).resolve().parent / "data" / "wilayah"

EDITIONS = [
    {"code": "2017", "title": "Buku Panduan Penyusunan Masterplan Smart City 2017", "year": 2017},
]
BATCHES = [
    {"year": 2017, "name": "Gerakan Menuju 100 Smart City 2017"},
    {"year": 2018, "name": "Gerakan Menuju 100 Smart City 2018"},
    {"year": 2019, "name": "Gerakan Menuju 100 Smart City 2019"},
]

_KEEP_UPPER = {"DKI", "DI"}
_KEEP_LOWER = {"dan"}


def display_region_name(name, kind):
    """'KOTA BANDUNG' -> 'Kota Bandung'; provinces read as 'Provinsi Jawa Barat'."""
    words = []
    for word in name.split():
        if word in _KEEP_UPPER:
            words.append(word)
        elif word.lower() in _KEEP_LOWER and words:
            words.append(word.lower())
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))
    text = " ".join(words)
    return f"Provinsi {text}" if kind == "provinsi" else text


def region_kind(name):
    return "kota" if name.startswith("KOTA ") else "kabupaten"


def read_provinces():
    with open(WILAYAH_DIR / "provinces.csv", newline="", encoding="utf-8") as fh:
        return [(row["code"], row["name"]) for row in csv.DictReader(fh)]


def read_regencies():
    with open(WILAYAH_DIR / "regencies.csv", newline="", encoding="utf-8") as fh:
        return [(row["code"], row["province_code"], row["name"]) for row in csv.DictReader(fh)]


def load_editions(GuideEdition):
    for edition in EDITIONS:
        GuideEdition.objects.update_or_create(code=edition["code"], defaults=edition)


def load_batches(Batch):
    for batch in BATCHES:
        Batch.objects.get_or_create(year=batch["year"], name=batch["name"])


def load_regions(Region):
    """Create or update all provinces and kabupaten/kota; returns the number of rows written."""
    existing = {r.code: r for r in Region.objects.all()}
    written = 0
    provinces = {}
    for code, name in read_provinces():
        region = existing.get(code)
        if region is None:
            region = Region.objects.create(code=code, name=name, kind="provinsi")
            written += 1
        elif region.name != name or region.kind != "provinsi":
            region.name, region.kind = name, "provinsi"
            region.save(update_fields=["name", "kind"])
            written += 1
        provinces[code] = region
    new_rows = []
    for code, province_code, name in read_regencies():
        province = provinces[province_code]
        kind = region_kind(name)
        region = existing.get(code)
        if region is None:
            new_rows.append(Region(code=code, name=name, kind=kind, province=province))
        elif (region.name, region.kind, region.province_id) != (name, kind, province.pk):
            region.name, region.kind, region.province = name, kind, province
            region.save(update_fields=["name", "kind", "province"])
            written += 1
    Region.objects.bulk_create(new_rows)
    return written + len(new_rows)


def load_dimensions(GuideEdition, Dimension, DimensionElement):
    """The six smart-city dimensions and their 18 elements for every edition in the catalogue."""
    for edition in GuideEdition.objects.all():
        for item in guide(edition.code)["dimensions"]:
            dimension, _ = Dimension.objects.update_or_create(
                edition=edition, code=item["code"],
                defaults={"number": item["no"], "title": item["title"]})
            for element in item["elements"]:
                DimensionElement.objects.update_or_create(
                    dimension=dimension, code=element["code"],
                    defaults={"letter": element["letter"], "title": element["title"]})
