"""Helpers for the institution, regulation and application tests: objects made with the ORM and
posts as the browser sends them."""

from django.core.files.uploadedfile import SimpleUploadedFile

from masterplan.models import DimensionElement
from roadmap.institutions import InstitutionEditor
from roadmap.models import (
    Application,
    Institution,
    InstitutionMember,
    Opd,
    Program,
    Regulation,
)

from ..pdf_helpers import blank_pdf
from ..swot.strategic_helpers import form_data

PDF_BYTES = blank_pdf()
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def make_opd(region, short_name="Diskominfo", name=None):
    return Opd.objects.get_or_create(region=region, short_name=short_name,
                                     defaults={"name": name or f"Dinas {short_name}"})[0]


def make_program(masterplan, name="Integrasi layanan", egov=True):
    element = DimensionElement.objects.filter(dimension__edition=masterplan.edition_id).first()
    return Program.objects.create(masterplan=masterplan, name=name, element=element,
                                  category="aplikasi", horizon="pendek",
                                  start_year=masterplan.start_year,
                                  end_year=masterplan.start_year, is_egov_integration=egov)


def make_app(masterplan, name, function="keuangan", interoperable=False, **fields):
    return Application.objects.create(masterplan=masterplan, name=name, function=function,
                                      is_interoperable=interoperable, **fields)


def council(masterplan):
    return Institution.objects.get(masterplan=masterplan, kind="dewan")


def team(masterplan):
    return Institution.objects.get(masterplan=masterplan, kind="tim")


def guide_regulation(masterplan, code="perda_masterplan"):
    return Regulation.objects.get(masterplan=masterplan, code=code)


def body_data(institution, masterplan, members=(), edit=None, **values):
    """The edit page's post: the body's fields (with `values` typed over them), its existing
    members (`edit`: {position index: {field: value}}, value None drops the key; "DELETE": "on"
    deletes) and new `members` (dicts of field values)."""
    editor = InstitutionEditor(institution, masterplan)
    data = form_data(editor.form)
    for key, value in values.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    initial = list(editor.members.initial_forms)
    for index, form in enumerate(initial):
        row = form_data(form)
        for key, value in (edit or {}).get(index, {}).items():
            name = form.add_prefix(key)
            if value is None:
                row.pop(name, None)
            else:
                row[name] = value
        data.update(row)
    for offset, member in enumerate(members):
        index = len(initial) + offset
        data.update({f"anggota-{index}-{key}": str(value) for key, value in member.items()})
    data.update({"anggota-TOTAL_FORMS": str(len(initial) + len(members)),
                 "anggota-INITIAL_FORMS": str(len(initial)),
                 "anggota-MIN_NUM_FORMS": "0", "anggota-MAX_NUM_FORMS": "1000"})
    return data


def save_body(institution, masterplan, user=None, members=(), edit=None, **values):
    """Bind and save the edit page's post; returns the editor (check `.errors` etc.)."""
    editor = InstitutionEditor(institution, masterplan,
                               body_data(institution, masterplan, members, edit, **values))
    if editor.is_valid():
        editor.save(user)
    return editor


def members_of(institution):
    return list(InstitutionMember.objects.filter(institution=institution)
                .order_by("position", "pk").values_list("name", "role", "position"))


def pdf_upload(name="perda.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def big_upload(size, name="besar.pdf"):
    """A PDF-looking upload of `size` bytes."""
    return SimpleUploadedFile(name, PDF_BYTES + b"0" * (size - len(PDF_BYTES)),
                              content_type="application/pdf")


def media_files(root):
    """Every file under MEDIA_ROOT (a pathlib.Path), relative."""
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()) \
        if root.exists() else []
