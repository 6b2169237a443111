"""Citizen survey responses imported from a CSV file (a survey on paper or another form tool).

The format: one header row naming each question of the cycle by its number (p1, p2, … or 1, 2, …,
in any order, every question once), then one row per response with an answer 1–5 in every
column. Comma or semicolon separated (the header row decides), UTF-8 with or without a byte
order mark (Excel's "CSV UTF-8"). Empty rows are skipped; an empty column without a header is
ignored.

A file with any error is refused whole, every error naming its row (the header is row 1) and
column, and nothing is saved; a good file is saved in one transaction. Imported responses have
the source `impor` and no device hash."""

import csv
import io
import re

from django.db import transaction
from django.utils.translation import gettext as _

from masterplan.numbers import format_number

from . import csv_files
from .models import ResponseSource, SurveyAnswer, SurveyResponse
from .survey_questions import questions_of

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 10000
MAX_ERRORS_SHOWN = 100
HEADER = re.compile(r"^[pP]?(\d{1,3})$")
VALUES = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5}


class SurveyImportError(Exception):
    """The file was refused; `errors` lists what is wrong, each naming its row and column."""

    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors

    @property
    def shown(self):
        """The first MAX_ERRORS_SHOWN errors, and how many more there are."""
        return self.errors[:MAX_ERRORS_SHOWN], max(0, len(self.errors) - MAX_ERRORS_SHOWN)


def column_name(number):
    return f"p{number}"


def template_csv(questions):
    """An empty file in the import's format for `questions` (numbered): the header row only,
    UTF-8 with a byte order mark, comma separated."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(
        [column_name(question.number) for question in questions])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _text(data):
    if len(data) > MAX_BYTES:
        raise SurveyImportError([_("Berkas lebih besar dari %(limit)s MB; bagi menjadi beberapa "
                                   "berkas.") % {"limit": MAX_BYTES // (1024 * 1024)}])
    return csv_files.text_of(data, SurveyImportError)


def _columns(header, questions):
    """[(column index, question or None)] for the header row, with the header's errors."""
    by_number = {question.number: question for question in questions}
    errors, columns, seen = [], [], {}
    for index, cell in enumerate(header, start=1):
        cell = cell.strip()
        if not cell:
            columns.append((index, None))
            continue
        match = HEADER.match(cell)
        if match is None:
            errors.append(_("Baris 1, kolom %(column)s: judul “%(cell)s” tidak dikenal; tulis "
                            "nomor pertanyaan, mis. p1 atau 1.")
                          % {"column": index, "cell": cell[:40]})
            continue
        number = int(match.group(1))
        if number not in by_number:
            errors.append(_("Baris 1, kolom %(column)s: pertanyaan %(name)s tidak ada; kuesioner "
                            "ini berisi p1 sampai p%(last)s.")
                          % {"column": index, "name": column_name(number), "last": len(questions)})
            continue
        if number in seen:
            errors.append(_("Baris 1, kolom %(column)s: %(name)s sudah ada di kolom "
                            "%(first)s.") % {"column": index, "name": column_name(number),
                                             "first": seen[number]})
            continue
        seen[number] = index
        columns.append((index, by_number[number]))
    for question in questions:
        if question.number not in seen:
            errors.append(_("Baris 1: kolom %(name)s tidak ada; setiap pertanyaan perlu satu "
                            "kolom.") % {"name": column_name(question.number)})
    return columns, errors


def _row_answers(number, row, columns, width, errors):
    """{question id: value} of one data row; its errors appended to `errors`."""
    answers = {}
    for index, question in columns:
        cell = row[index - 1].strip() if index <= len(row) else ""
        if question is None:
            if cell:
                errors.append(_("Baris %(row)s, kolom %(column)s: ada nilai “%(cell)s” di kolom "
                                "tanpa judul.") % {"row": number, "column": index,
                                                  "cell": cell[:40]})
            continue
        name = column_name(question.number)
        if not cell:
            errors.append(_("Baris %(row)s, kolom %(name)s: kosong; isi nilai 1–5.")
                          % {"row": number, "name": name})
        elif cell not in VALUES:
            errors.append(_("Baris %(row)s, kolom %(name)s: nilai harus 1–5, tertulis "
                            "“%(cell)s”.") % {"row": number, "name": name, "cell": cell[:40]})
        else:
            answers[question.pk] = VALUES[cell]
    extra = [cell for cell in row[width:] if cell.strip()]
    if extra:
        errors.append(_("Baris %(row)s: ada %(count)s nilai di kanan kolom terakhir yang berjudul; "
                        "hapus atau beri judul kolomnya.") % {"row": number, "count": len(extra)})
    return answers


def read_responses(data, questions):
    """The responses of a CSV file (bytes) as [{question id: value}], for `questions` as
    numbered by questions_of; SurveyImportError with every error when the file is refused."""
    if not questions:
        raise SurveyImportError([_("Kuesioner siklus ini belum berisi pertanyaan.")])
    rows = csv_files.numbered_rows(_text(data), SurveyImportError)
    if not rows or not any(cell.strip() for cell in rows[0][1]):
        raise SurveyImportError([_("Berkas kosong: baris 1 harus berisi judul kolom p1, p2, ….")])
    header = rows[0][1]
    columns, errors = _columns(header, questions)
    responses = []
    for number, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        answers = _row_answers(number, row, columns, len(header), errors)
        responses.append(answers)
    if not responses:
        errors.append(_("Berkas tidak berisi tanggapan: di bawah baris judul belum ada baris "
                        "jawaban."))
    if len(responses) > MAX_ROWS:
        errors.insert(0, _("Berkas berisi %(count)s tanggapan; paling banyak %(limit)s per "
                           "berkas.") % {"count": format_number(len(responses)),
                                         "limit": format_number(MAX_ROWS)})
    if errors:
        raise SurveyImportError(errors)
    return responses


@transaction.atomic
def import_responses(evaluation, data):
    """Save every response of the CSV file `data` (bytes) for `evaluation`, all or none; the
    number saved. SurveyImportError when the file is refused."""
    responses = read_responses(data, questions_of(evaluation.cycle))
    saved = SurveyResponse.objects.bulk_create(
        [SurveyResponse(evaluation=evaluation, source=ResponseSource.IMPORT, device_hash="")
         for _answers in responses])
    SurveyAnswer.objects.bulk_create(
        [SurveyAnswer(response=response, question_id=question_id, value=value)
         for response, answers in zip(saved, responses, strict=True)
         for question_id, value in answers.items()], batch_size=2000)
    return len(saved)
