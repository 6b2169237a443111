from django import forms
from django.utils.translation import gettext_lazy as _

from masterplan.editing import VersionedFormMixin

from .front_matter import head_of_region
from .models import BookCover, NarrativeSection

FIRST_YEAR, LAST_YEAR = 2017, 2100  # the guide's year to the cover year's limit


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
        # The logo is checked and stored by books/cover.py.
        fields = ["title", "year", "signatory_name", "signatory_title", "signing_place",
                  "signing_date"]
        labels = {"signatory_name": _("Nama penanda tangan kata sambutan"),
                  "signatory_title": _("Jabatan penanda tangan"),
                  "signing_place": _("Tempat penandatanganan"),
                  "signing_date": _("Tanggal penandatanganan")}
        help_texts = {
            "signatory_name": _("Kepala daerah yang menandatangani Kata Sambutan, lengkap dengan "
                                "gelar, misalnya “Dr. H. Nama Lengkap, M.Si.”."),
            "signatory_title": _("Misalnya “Wali Kota Bandung”; bila kosong, buku memakai "
                                 "jabatan kepala daerah sesuai jenis wilayah."),
            "signing_place": _("Nama kota tempat kata sambutan ditandatangani, misalnya "
                               "“Bandung”."),
            "signing_date": _("Tanggal pada blok tanda tangan Kata Sambutan."),
        }
        widgets = {"signing_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {"signing_date": {"invalid": _("Tanggal tidak dikenali; tulis seperti "
                                                        "2026-12-04 atau 04/12/2026.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        region = self.instance.masterplan.region if self.instance.masterplan_id else None
        if region is not None:
            self.fields["signatory_title"].widget.attrs["placeholder"] = head_of_region(region)
        self.fields["logo"].label = _("Lambang daerah (PNG, JPEG atau SVG, paling besar 2 MB)")
        self.fields["remove_logo"].label = _("Hapus lambang daerah")

    def clean_signatory_name(self):
        name = " ".join(self.cleaned_data["signatory_name"].split())
        if name and not any(character.isalpha() for character in name):
            raise forms.ValidationError(_("Nama penanda tangan harus berisi huruf."))
        return name

    def clean_signatory_title(self):
        title = " ".join(self.cleaned_data["signatory_title"].split())
        if title and not any(character.isalpha() for character in title):
            raise forms.ValidationError(_("Jabatan penanda tangan harus berisi huruf."))
        return title

    def clean_signing_place(self):
        place = " ".join(self.cleaned_data["signing_place"].split())
        if place and not any(character.isalpha() for character in place):
            raise forms.ValidationError(_("Tempat penandatanganan harus berisi nama tempat."))
        return place

    def clean_signing_date(self):
        date = self.cleaned_data["signing_date"]
        if date and not FIRST_YEAR <= date.year <= LAST_YEAR:
            raise forms.ValidationError(
                _("Tanggal penandatanganan harus antara tahun %(first)s dan %(last)s."),
                params={"first": FIRST_YEAR, "last": LAST_YEAR})
        return date

    def clean(self):
        cleaned = super().clean()
        place, date = cleaned.get("signing_place"), cleaned.get("signing_date")
        if date and not place and "signing_place" not in self.errors:
            self.add_error("signing_place", _("Tempat penandatanganan wajib diisi bila tanggal "
                                              "diisi."))
        if place and not date and "signing_date" not in self.errors:
            self.add_error("signing_date", _("Tanggal penandatanganan wajib diisi bila tempat "
                                             "diisi."))
        return cleaned
