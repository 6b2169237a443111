"""Forms of the Bimtek pages; every edit form is versioned (masterplan/editing.py)."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from masterplan.editing import VersionedFormMixin

from . import attachments, visits
from .models import Report, ReportItemNote, Visit


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VisitForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Visit
        fields = ["planned_date", "actual_date", "location", "pembimbing", "attendees"]
        widgets = {
            "planned_date": date_input(),
            "actual_date": date_input(),
            "pembimbing": forms.CheckboxSelectMultiple,
            "attendees": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "pembimbing": _("Dipilih dari akun yang ditugaskan sebagai pembimbing wilayah ini."),
            "attendees": _("Satu nama atau unsur per baris, mis. “Sekda”, “Bappeda (3 orang)”."),
        }

    def __init__(self, *args, region, **kwargs):
        self.region = region
        super().__init__(*args, **kwargs)
        self.fields["pembimbing"].queryset = visits.pembimbing_choices(region)
        self.fields["pembimbing"].required = False

    def rebase_kwargs(self):
        return {"region": self.region}

    def clean(self):
        cleaned = super().clean()
        planned, actual = cleaned.get("planned_date"), cleaned.get("actual_date")
        for name, value in (("planned_date", planned), ("actual_date", actual)):
            if value is not None and not 2017 <= value.year <= 2100:
                self.add_error(name, _("Tahun harus antara 2017 dan 2100."))
        return cleaned


class ReportForm(VersionedFormMixin, forms.ModelForm):
    """The report's header date and the 'Output hasil Bimtek' text."""

    class Meta:
        model = Report
        fields = ["visit_date", "output"]
        widgets = {"visit_date": date_input(), "output": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "visit_date": _("Tanggal kunjungan yang tercantum di kepala formulir laporan."),
            "output": _("Keluaran hasil Bimtek: dokumen, keputusan, dan tindak lanjut yang disepakati."),
        }


HELD_CHOICES = [("", _("Belum diisi")), ("1", _("Terlaksana")), ("0", _("Tidak terlaksana"))]
HELD_DISPLAY = {None: "", True: str(_("Terlaksana")), False: str(_("Tidak terlaksana"))}


def _held(value):
    return {"1": True, "0": False}.get(value)


class NotesForm(VersionedFormMixin, forms.ModelForm):
    """Keterangan of every activity of a report in one form, saved all or nothing under the
    report's version (the notes themselves carry no version). The snapshot holds the notes as
    the editor saw them, so a conflict lists the activities someone else changed."""

    class Meta:
        model = Report
        fields = []

    def __init__(self, *args, items, **kwargs):
        self.items = list(items)
        super().__init__(*args, **kwargs)
        self.notes = ({note.item_id: note for note in self.instance.notes.all()}
                      if self.instance.pk is not None else {})
        for item in self.items:
            note = self.notes.get(item.pk)
            self.fields[self.held_name(item)] = forms.TypedChoiceField(
                label=_("Terlaksana?"), choices=HELD_CHOICES, coerce=_held,
                empty_value=None, required=False,
                initial="" if note is None or note.held is None else ("1" if note.held else "0"))
            self.fields[self.notes_name(item)] = forms.CharField(
                label=_("Keterangan"), required=False,
                max_length=ReportItemNote._meta.get_field("notes").max_length,
                widget=forms.Textarea(attrs={"rows": 2}), initial=note.notes if note else "")

    @staticmethod
    def held_name(item):
        return f"held_{item.pk}"

    @staticmethod
    def notes_name(item):
        return f"notes_{item.pk}"

    def rows(self):
        """(item, held bound field, notes bound field) per activity, for the template."""
        return [(item, self[self.held_name(item)], self[self.notes_name(item)])
                for item in self.items]

    # --- the version check, per activity: the notes are merged after a conflict like fields --

    def tracked_fields(self):
        return []

    def extra_merge_fields(self):
        return [name for item in self.items for name in (self.held_name(item),
                                                         self.notes_name(item))]

    def merge_label(self, name):
        for item in self.items:
            if name in (self.held_name(item), self.notes_name(item)):
                text = item.text or _("Kegiatan %(n)s") % {"n": item.position}
                return f"{text} — {self.fields[name].label}"
        return super().merge_label(name)

    def rebase_kwargs(self):
        return {"items": self.items}

    # --- saving (inside save_versioned's transaction) ----------------------------------------

    def save_notes(self, report):
        with transaction.atomic():
            for item in self.items:
                held = self.cleaned_data.get(self.held_name(item))
                text = self.cleaned_data.get(self.notes_name(item), "")
                note = self.notes.get(item.pk)
                if note is None:
                    if held is None and not text:
                        continue
                    ReportItemNote.objects.create(report=report, item=item, held=held, notes=text)
                elif (note.held, note.notes) != (held, text):
                    note.held, note.notes = held, text
                    note.save(update_fields=["held", "notes"])


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Unggah berkas"),
        help_text=_("PDF, DOCX, XLSX, PNG, atau JPEG; paling besar 20 MB per berkas."),
        widget=forms.ClearableFileInput(attrs={"accept": attachments.ACCEPT}),
    )
