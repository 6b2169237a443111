"""The publishing page's forms: publish (licence, draft or not, a note) and withdraw (a note)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DEFAULT_LICENCE, LICENCES
from .services import is_ready


class PublishForm(forms.Form):
    licence = forms.ChoiceField(label=_("Lisensi data"), choices=LICENCES, initial=DEFAULT_LICENCE,
                                help_text=_("Syarat pakai ulang isi masterplan, data terbuka dan "
                                            "bukunya. Bawaan: CC BY 4.0 (boleh dipakai ulang "
                                            "dengan menyebut sumbernya)."))
    as_draft = forms.BooleanField(
        label=_("Terbitkan sebagai draf (ditandai DRAF di setiap halaman dan buku)"),
        required=False)
    note = forms.CharField(label=_("Catatan (untuk log publikasi)"), max_length=500,
                           required=False)

    def __init__(self, *args, masterplan, **kwargs):
        super().__init__(*args, **kwargs)
        self.masterplan = masterplan
        if is_ready(masterplan):
            del self.fields["as_draft"]  # a ditetapkan masterplan is published as it is

    def clean(self):
        cleaned = super().clean()
        if not is_ready(self.masterplan) and not cleaned.get("as_draft"):
            self.add_error("as_draft", _(
                "Masterplan belum ditetapkan: centang pilihan ini untuk menerbitkannya sebagai "
                "draf, atau tunggu sampai statusnya Ditetapkan."))
        return cleaned


class UnpublishForm(forms.Form):
    note = forms.CharField(label=_("Alasan (untuk log publikasi)"), max_length=500,
                           required=False)
