"""Forms of the citizen survey: a question of the questionnaire (admins), the public
questionnaire with its challenge (citizens), the CSV import and opening or closing the link
(the region's team)."""

import time

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan.models import Dimension

from . import survey_public
from .models import SurveyQuestion
from .services import evaluation_dimensions
from .survey_import import MAX_BYTES

SCALE = [(1, gettext_lazy("Sangat tidak setuju")), (2, gettext_lazy("Tidak setuju")),
         (3, gettext_lazy("Netral")), (4, gettext_lazy("Setuju")),
         (5, gettext_lazy("Sangat setuju"))]
HONEYPOT = "situs_web"
CHALLENGE = "tantangan"
CHALLENGE_ANSWER = "jawaban_pengaman"


class QuestionForm(forms.ModelForm):
    class Meta:
        model = SurveyQuestion
        fields = ["text", "dimension"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"text": gettext_lazy(
            "Tulis sebagai pernyataan yang dijawab warga dari 1 (sangat tidak setuju) sampai 5 "
            "(sangat setuju).")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        dimension = self.fields["dimension"]
        dimension.queryset = Dimension.objects.filter(
            pk__in=[item.pk for item in evaluation_dimensions()]).order_by("number")
        dimension.empty_label = _("(tanpa dimensi)")
        dimension.required = False


class SurveyForm(forms.Form):
    """The public questionnaire: a 1–5 choice per question (field `p<question id>`), all
    required, then the challenge: a honeypot left empty, a signed sum answered right, and the
    form sent no sooner than MIN_FILL_SECONDS after it was first shown."""

    def __init__(self, *args, evaluation, device, questions, device_known=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.evaluation, self.device, self.questions = evaluation, device, questions
        # False when the browser sent no device cookie: it refuses cookies (or the form was
        # posted from elsewhere), so its response could not be told from its next one.
        self.device_known = device_known
        for number, question in enumerate(questions, start=1):
            self.fields[f"p{question.pk}"] = forms.TypedChoiceField(
                label=question.text, choices=SCALE, coerce=int, widget=forms.RadioSelect,
                error_messages={"required": _("Pilih salah satu jawaban.")})
            self.fields[f"p{question.pk}"].number = number
        self.fields[HONEYPOT] = forms.CharField(required=False, max_length=200)
        self.fields[CHALLENGE_ANSWER] = forms.IntegerField(
            required=False, error_messages={"invalid": _("Tulis jawabannya sebagai angka.")})
        self.challenge = None
        if self.is_bound:
            self.challenge = survey_public.read_challenge(evaluation, device,
                                                          self.data.get(CHALLENGE))

    def question_fields(self):
        return [self[f"p{question.pk}"] for question in self.questions]

    def next_challenge(self):
        """The challenge to show with the form: a new sum, keeping the time the form was first
        shown while the one it was sent with is still valid."""
        started = self.challenge.started if self.challenge else None
        return survey_public.issue_challenge(self.evaluation, self.device, started)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT):
            raise forms.ValidationError(_("Tanggapan ini tidak dapat diterima."))
        if not self.device_known:
            raise forms.ValidationError(_(
                "Browser Anda tidak menyimpan cookie halaman ini, jadi tanggapan belum dapat "
                "diterima. Izinkan cookie untuk situs ini, lalu kirim lagi."))
        if self.challenge is None:
            self.add_error(CHALLENGE_ANSWER, _(
                "Halaman ini sudah terlalu lama terbuka. Jawab pertanyaan pengaman yang baru, "
                "lalu kirim lagi."))
            return cleaned
        answer = cleaned.get(CHALLENGE_ANSWER)
        if answer is None and CHALLENGE_ANSWER not in self.errors:
            self.add_error(CHALLENGE_ANSWER, _("Jawab pertanyaan pengaman ini."))
        elif answer is not None and answer != self.challenge.answer:
            self.add_error(CHALLENGE_ANSWER, _(
                "Jawaban hitungan belum benar. Coba lagi dengan soal yang baru."))
        if time.time() - self.challenge.started < survey_public.MIN_FILL_SECONDS:
            raise forms.ValidationError(_(
                "Formulir terkirim terlalu cepat. Periksa jawaban Anda, lalu kirim lagi."))
        return cleaned

    def answers(self):
        """{question id: 1–5} of a valid form."""
        return {question.pk: self.cleaned_data[f"p{question.pk}"] for question in self.questions}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas CSV tanggapan"),
        help_text=gettext_lazy("Satu baris per tanggapan; baris pertama berisi judul kolom p1, "
                               "p2, …; setiap nilai 1–5."),
        error_messages={
            "required": gettext_lazy("Pilih berkas CSV yang akan diimpor."),
            "empty": gettext_lazy("Berkas kosong: baris 1 harus berisi judul kolom p1, p2, …."),
        })

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_BYTES:
            raise forms.ValidationError(_(
                "Berkas lebih besar dari %(limit)s MB; bagi menjadi beberapa berkas.")
                % {"limit": MAX_BYTES // (1024 * 1024)})
        return uploaded


class OpenForm(forms.Form):
    """Open (1) or close (0) the public survey link."""

    buka = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1")
