from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .editing import VersionedFormMixin
from .models import Batch, Masterplan, Region, Role, StatusChange, User


class MasterplanForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Masterplan
        fields = ["title", "start_year", "period_years"]
        help_texts = {
            "period_years": _("Panduan menyarankan masa 10 tahun."),
        }

    def clean_start_year(self):
        year = self.cleaned_data["start_year"]
        this_year = timezone.localdate().year
        if year > this_year + 10:
            raise forms.ValidationError(_("Tahun mulai paling lambat %(year)s.")
                                        % {"year": this_year + 10})
        return year


class MasterplanCreateForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=200, required=False,
                            help_text=_("Kosongkan untuk judul baku: Masterplan Smart City "
                                        "<wilayah> <tahun mulai>–<tahun akhir>."))
    start_year = forms.IntegerField(label=_("Tahun mulai"), min_value=2017, max_value=2100)
    period_years = forms.IntegerField(label=_("Masa berlaku (tahun)"), min_value=1,
                                      max_value=25, initial=10)
    make_current = forms.BooleanField(label=_("Jadikan masterplan aktif wilayah"),
                                      required=False, initial=True)


class RegionForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Region
        fields = ["batch"]


class BatchForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Batch
        fields = ["year", "name"]


class BatchRegionsForm(forms.Form):
    codes = forms.CharField(
        label=_("Kode wilayah anggota angkatan"), widget=forms.Textarea(attrs={"rows": 3}),
        required=False, help_text=_("Kode Kemendagri dipisah koma atau baris baru, mis. 32.73, 35.10"))

    def clean_codes(self):
        raw = self.cleaned_data["codes"].replace("\n", ",")
        codes = sorted({code.strip() for code in raw.split(",") if code.strip()})
        known = set(Region.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise forms.ValidationError(_("Kode wilayah tidak dikenal: %(codes)s")
                                        % {"codes": ", ".join(unknown)})
        return codes


class PasswordFieldsMixin(forms.Form):
    password1 = forms.CharField(label=_("Kata sandi awal"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("Ulangi kata sandi"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        elif first:
            probe = User(username=cleaned.get("username", ""), email=cleaned.get("email", ""),
                         full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class AccountCreateForm(PasswordFieldsMixin, forms.Form):
    username = forms.RegexField(
        label=_("Nama pengguna"), max_length=150, regex=r"^[\w.@+-]+\Z",
        error_messages={"invalid": _("Gunakan huruf, angka, dan . @ + - _ saja.")})
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    email = forms.EmailField(label=_("Email"), required=False)
    region = forms.ModelChoiceField(label=_("Wilayah"), queryset=Region.objects.none(),
                                    required=False, to_field_name="code")
    role = forms.ChoiceField(label=_("Peran"), choices=[("", "—")], required=False)
    is_kominfo_admin = forms.BooleanField(label=_("Admin Kominfo"), required=False)

    field_order = ["username", "full_name", "email", "password1", "password2", "region", "role",
                   "is_kominfo_admin"]

    def __init__(self, *args, regions, roles, allow_admin, fixed_region=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "—")] + [(r.value, r.label) for r in roles]
        if fixed_region is not None:
            del self.fields["region"]
            self.fields["role"].required = True
        else:
            self.fields["region"].queryset = regions
        if not allow_admin:
            del self.fields["is_kominfo_admin"]
        self.fixed_region = fixed_region

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Nama pengguna ini sudah dipakai."))
        return username

    def clean(self):
        cleaned = super().clean()
        region = self.fixed_region or cleaned.get("region")
        if bool(region) != bool(cleaned.get("role")):
            self.add_error("role", _("Isi wilayah dan peran bersama-sama, atau kosongkan keduanya."))
        cleaned["region"] = region
        return cleaned


class AccountEditForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "email", "is_active", "is_kominfo_admin"]
        labels = {"is_active": _("Akun aktif")}


class MembershipForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Wilayah"), queryset=Region.objects.all(),
                                    to_field_name="code")
    role = forms.ChoiceField(label=_("Peran"), choices=Role.choices)


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Nama pengguna atau kata sandi salah. Perhatikan huruf besar/kecil."),
        "inactive": _("Akun ini tidak aktif. Hubungi admin Kominfo."),
    }


class TransitionForm(forms.Form):
    transition = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Catatan"), required=False,
                              max_length=StatusChange._meta.get_field("comment").max_length,
                              widget=forms.Textarea(attrs={"rows": 2}))
    bimtek_number = forms.TypedChoiceField(
        label=_("Untuk Bimtek"), coerce=int, required=False, empty_value=None,
        choices=[("", "—")] + [(n, f"Bimtek #{n}") for n in range(1, 5)])
    legal_kind = forms.ChoiceField(label=_("Jenis penetapan"), required=False,
                                   choices=[("", "—"), ("perda", _("Peraturan Daerah")),
                                            ("perkada", _("Peraturan Kepala Daerah"))])
    legal_number = forms.CharField(label=_("Nomor"), required=False, max_length=120)
    legal_date = forms.DateField(label=_("Tanggal"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))
