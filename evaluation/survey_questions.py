"""The questionnaire of a cycle's citizen survey (admins): statements answered on a 1–5 scale of
agreement, in order, each optionally tied to one of the six dimensions.

A question is numbered by its place in the list (1, 2, …): the public form shows them in that
order and the CSV import names its columns p1, p2, … by it. A question already answered keeps
its answers, so it is not deleted (its wording may still be corrected). Each write is one
transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from masterplan import ordering
from masterplan.numbers import format_number

from .models import EvaluationCycle, SurveyQuestion
from .services import evaluation_dimensions

# The standard questionnaire: two statements per dimension (by the dimension's code), about what
# a citizen can judge from daily life.
STANDARD_QUESTIONS = [
    ("governance", "Layanan publik pemerintah daerah (perizinan, kependudukan, pengaduan) mudah "
                   "dan cepat saya akses secara daring."),
    ("governance", "Pemerintah daerah terbuka menyampaikan informasi, anggaran dan kebijakannya "
                   "kepada warga."),
    ("branding", "Potensi wisata dan produk unggulan daerah ini mudah ditemukan dan dikenal "
                 "melalui kanal digital."),
    ("branding", "Wajah kota/kabupaten ini (taman, ruang publik, penunjuk arah) makin tertata dan "
                 "membanggakan."),
    ("economy", "Pelaku usaha, termasuk UMKM, mendapat dukungan digital dari pemerintah daerah "
                "untuk berkembang."),
    ("economy", "Pajak, retribusi dan layanan daerah lainnya mudah dibayar secara nontunai."),
    ("living", "Layanan kesehatan di daerah ini mudah dijangkau dan informasinya mudah didapat."),
    ("living", "Transportasi umum dan informasi lalu lintas membantu saya bepergian di daerah "
               "ini."),
    ("society", "Warga mudah menyampaikan aspirasi dan ikut serta melalui kanal digital "
                "pemerintah daerah."),
    ("society", "Saya merasa aman, dan layanan darurat cepat menanggapi saat dibutuhkan."),
    ("environment", "Pengelolaan sampah dan kebersihan lingkungan di daerah ini makin baik."),
    ("environment", "Pemerintah daerah memantau dan menginformasikan kualitas lingkungan (udara, "
                    "air, banjir) kepada warga."),
]


def questions_of(cycle):
    """The cycle's questions in order, each with `number` (1, 2, …), its `dimension` and
    `answer_count`; two queries however many questions."""
    questions = list(cycle.questions.select_related("dimension")
                     .annotate(answer_count=Count("answers")).order_by("position", "pk"))
    for number, question in enumerate(questions, start=1):
        question.number = number
    return questions


@transaction.atomic
def add_question(cycle, text, dimension=None):
    _lock(cycle)
    return SurveyQuestion.objects.create(
        cycle=cycle, text=text, dimension=dimension,
        position=ordering.next_position(cycle.questions.all()))


@transaction.atomic
def save_question(question, text, dimension=None):
    """A question's new wording and dimension; its answers stay."""
    question.text, question.dimension = text, dimension
    question.save(update_fields=["text", "dimension"])
    return question


@transaction.atomic
def delete_question(question):
    """Delete a question nobody answered yet; a ValidationError says why one is kept."""
    _lock(question.cycle)
    answers = question.answers.count()
    if answers:
        raise ValidationError(_(
            "Pertanyaan “%(text)s” sudah dijawab dalam %(count)s tanggapan, jadi tidak dihapus: "
            "jawaban itu tetap dihitung dalam ringkasan survei. Kata-katanya masih dapat "
            "diperbaiki.") % {"text": question.text, "count": format_number(answers)})
    question.delete()


def move_question(question, direction):
    """One place up (ordering.UP) or down; False at either end of the list."""
    return ordering.move(question.cycle.questions.all(), question, direction)


@transaction.atomic
def use_standard_questions(cycle):
    """Fill an empty questionnaire with STANDARD_QUESTIONS; refused once it has questions."""
    _lock(cycle)
    if cycle.questions.exists():
        raise ValidationError(_("Kuesioner ini sudah berisi pertanyaan; pertanyaan standar hanya "
                                "dapat dipakai untuk kuesioner yang masih kosong."))
    dimensions = {dimension.code: dimension for dimension in evaluation_dimensions()}
    return SurveyQuestion.objects.bulk_create(
        [SurveyQuestion(cycle=cycle, position=position, text=text,
                        dimension=dimensions.get(code))
         for position, (code, text) in enumerate(STANDARD_QUESTIONS)])


def _lock(cycle):
    """Writes to one cycle's questionnaire wait for each other (positions stay distinct)."""
    EvaluationCycle.objects.select_for_update().filter(pk=cycle.pk).first()
