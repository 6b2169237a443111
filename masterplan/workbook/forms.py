from django import forms
from django.utils.translation import gettext_lazy as _

from .errors import CellError
from .safety import MAX_UPLOAD_BYTES, MB


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas buku kerja (.xlsx)"),
        help_text=_("Buku kerja yang diunduh dari halaman ini lalu diisi; paling besar 10 MB."),
        widget=forms.ClearableFileInput(attrs={
            "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                CellError("too_large", params={"limit": MAX_UPLOAD_BYTES // MB}).message("id"))
        return uploaded
