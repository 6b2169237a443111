"""The open-data files: CSV and JSON of each dataset, the combined JSON bundle the import reads
back, and the data dictionary; all built from the dataset definitions (opendata/datasets/).

Files are of the published masterplans only (portal.publication.published_masterplans), for one
region or nationally. CSV: UTF-8 with a byte order mark (spreadsheet programs then read the
accents right), comma separated, one header row of the column names, empty cell for no value,
numbers with a dot, booleans true/false; a text cell beginning with = + - @ (or a tab or
carriage return) gets a leading apostrophe so no spreadsheet program runs it as a formula.
JSON: the dataset's metadata (dataset, licence, source, generated time, region) and its rows."""

import csv
import io
import json

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from masterplan import clock
from portal.models import DEFAULT_LICENCE, LICENCES
from portal.publication import published_masterplans

from .datasets import CODE_LISTS, DATASETS, Context, build_rows, encode
from .datasets.base import STRING, TYPES
from .datasets.codes import LICENCE_URLS

FORMAT_NAME = "masterplan-smart-city-open-data"
FORMAT_VERSION = 1
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"


def source_text():
    return _("Masterplan Smart City Daerah (Gerakan Menuju 100 Smart City), disusun pemerintah "
             "daerah menurut Buku Panduan Penyusunan Masterplan Smart City 2017 Kominfo.")


def public_masterplans(region=None):
    """The published masterplans (of `region`), ordered by region code."""
    masterplans = published_masterplans().order_by("region__code", "pk")
    if region is not None:
        masterplans = masterplans.filter(region=region)
    return list(masterplans)


def licence_of(masterplan):
    publication = getattr(masterplan, "publication", None)
    return publication.licence if publication is not None else DEFAULT_LICENCE


def licence_info(code):
    return {"kode": code, "nama": str(dict(LICENCES).get(code, code)), "url": LICENCE_URLS.get(code, "")}


def licences(masterplans):
    """The licences of the masterplans' data, each once (the default when there is none)."""
    codes = sorted({licence_of(masterplan) for masterplan in masterplans}) or [DEFAULT_LICENCE]
    return [licence_info(code) for code in codes]


def region_info(region):
    if region is None:
        return None
    return {"kode_wilayah": region.code, "nama_wilayah": region.display_name}


def json_rows(dataset, rows):
    """The rows as JSON values ({column: value}), in the dataset's column order."""
    return [{column.name: encode(column, row.values[column.name], row.values.get("kode_wilayah"))
             for column in dataset.columns} for row in rows]


# --- CSV -------------------------------------------------------------------------------------

def escape_cell(text):
    """A text cell as a spreadsheet program may open it: one beginning with a formula character
    gets a leading apostrophe (shown as text, never evaluated)."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_value(column, value, region=None):
    value = encode(column, value, region)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if column.type == STRING:
        return escape_cell(value)
    return str(value)  # a number stays a number, a negative one too


def csv_text(dataset, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(dataset.column_names)
    for row in rows:
        writer.writerow([csv_value(column, row.values[column.name], row.values.get("kode_wilayah"))
                         for column in dataset.columns])
    return buffer.getvalue()


def csv_bytes(dataset, rows):
    return ("\ufeff" + csv_text(dataset, rows)).encode("utf-8")


# --- JSON ------------------------------------------------------------------------------------

def metadata(masterplans, region=None, generated_at=None):
    generated_at = generated_at or timezone.now()
    return {
        "lisensi": licences(masterplans),
        "sumber": source_text(),
        "dibuat_pada": clock.format_iso(generated_at, region),
        "wilayah": region_info(region),
        "kamus_data": settings.SITE_URL.rstrip("/") + reverse("opendata_dictionary_file"),
    }


def dataset_document(dataset, masterplans, region=None, generated_at=None):
    """The JSON document of one dataset: metadata, then the rows."""
    rows = build_rows(dataset, masterplans)
    return {"dataset": dataset.name, "judul": str(dataset.title),
            **metadata(masterplans, region, generated_at),
            "kolom": dataset.column_names, "jumlah_baris": len(rows),
            "data": json_rows(dataset, rows)}


def bundle_document(masterplans, region=None, generated_at=None):
    """Every dataset of the masterplans in one JSON document: what `import_open_data` reads."""
    ctx = Context()
    datasets = {}
    for dataset in DATASETS.values():
        rows = build_rows(dataset, masterplans, ctx)
        datasets[dataset.name] = {"judul": str(dataset.title), "kolom": dataset.column_names,
                                  "jumlah_baris": len(rows), "data": json_rows(dataset, rows)}
    return {"format": FORMAT_NAME, "versi_format": FORMAT_VERSION,
            **metadata(masterplans, region, generated_at), "dataset": datasets}


def json_bytes(document):
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


# --- the data dictionary ---------------------------------------------------------------------

def dictionary():
    """Every dataset with every column (name, type, unit, description, code list) and every code
    list with its codes."""
    return {
        "format": FORMAT_NAME, "versi_format": FORMAT_VERSION,
        "tipe": dict(TYPES),
        "dataset": [{
            "nama": dataset.name, "judul": str(dataset.title), "deskripsi": str(dataset.description),
            "kunci": ["kode_wilayah", *dataset.key],
            "kolom": [{"nama": column.name, "tipe": column.type, "satuan": str(column.unit),
                       "deskripsi": str(column.description), "daftar_kode": column.codes or None}
                      for column in dataset.columns],
        } for dataset in DATASETS.values()],
        "daftar_kode": {name: {"judul": str(code_list.title), "sumber": str(code_list.source),
                               "kode": None if code_list.external else [
                                   {"kode": code, "label": label} for code, label in code_list.codes()]}
                        for name, code_list in CODE_LISTS.items()},
    }


def dictionary_csv():
    """The dictionary's columns as one CSV table (dataset, column, type, unit, code list,
    description)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["dataset", "kolom", "tipe", "satuan", "daftar_kode", "deskripsi"])
    for dataset in DATASETS.values():
        for column in dataset.columns:
            writer.writerow([dataset.name, column.name, column.type, escape_cell(str(column.unit)),
                             column.codes, escape_cell(str(column.description))])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
