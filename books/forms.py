from django import forms
from django.utils.translation import gettext_lazy as _

from masterplan.editing import VersionedFormMixin

from .models import BookCover, NarrativeSection


class NarrativeForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = NarrativeSection
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 16})}
        help_texts = {"text": _("Baris kosong memisahkan paragraf. Baris berawalan “- ” menjadi "
                                "daftar, “1. ” daftar bernomor; **tebal** dan *miring*. HTML tidak "
                                "dipakai.")}


class CoverForm(VersionedFormMixin, forms.ModelForm):
    logo = forms.FileField(label=_("Logo daerah (PNG, JPEG atau SVG, paling besar 2 MB)"),
                           help_text=_("Logo SVG diubah menjadi gambar PNG saat diunggah; SVG "
                                       "yang memuat gambar atau berkas dari luar ditolak."),
                           required=False)
    remove_logo = forms.BooleanField(label=_("Hapus logo"), required=False)

    class Meta:
        model = BookCover
        fields = ["title", "year"]  # the logo is checked and stored by books/cover.py
