"""Buku I's maturity text follows the computed level: its own label and meaning, the level after
it (none after the highest), and the table the performance index comes from."""

import re

import pytest

from books.contexts import BUILDERS
from books.layout import compose
from books.maturity import maturity_text, meaning_of
from masterplan import content_version
from readiness.models import PerformanceAssessment, ReadinessEntry
from readiness.scoring import MATURITY_LEVELS, maturity_level

from ..factories import MasterplanFactory

LABELS = [label for _code, label, _minimum in MATURITY_LEVELS]
# (readiness, performance) inside each level, lowest first.
POINTS = {"initial": (30.0, 80.0), "developing": (60.0, 55.5), "managed": (78.9, 76.9),
          "optimized": (91.0, 88.0)}


def words(text):
    return re.sub(r"\s+", " ", text).lower()


@pytest.mark.parametrize("rank", range(len(MATURITY_LEVELS)))
def test_each_level_names_itself_and_only_the_next_level(rank):
    code, label, _minimum = MATURITY_LEVELS[rank]
    readiness, performance = POINTS[code]
    level = maturity_level(readiness, performance)
    assert level == code
    text = maturity_text("2017", readiness, performance, level)
    assert (text.label, text.rank, text.levels) == (label, rank + 1, len(MATURITY_LEVELS))
    said = words(f"{text.meaning} {text.next_sentence}")
    assert text.meaning and "berikutnya adalah " + label.lower() not in said
    if rank + 1 < len(MATURITY_LEVELS):
        next_label, next_minimum = MATURITY_LEVELS[rank + 1][1:]
        assert text.next_sentence.startswith(f"Tingkat berikutnya adalah {next_label},")
        assert f"minimal {next_minimum}" in text.next_sentence
        others = [other for other in LABELS if other not in (label, next_label)]
    else:
        assert "tingkat tertinggi" in said and "berikutnya adalah" not in said
        others = [other for other in LABELS if other != label]
    for other in others:  # no other level is named, as the region's or as the next one
        assert other.lower() not in said, other


def test_the_next_level_says_which_index_holds_the_region_back():
    text = maturity_text("2017", 78.9, 90.0, "managed")
    assert text.next_sentence.endswith("yang perlu dinaikkan: indeks kesiapan.")
    text = maturity_text("2017", 60.0, 55.5, "developing")
    assert text.next_sentence.endswith("indeks kesiapan dan indeks kinerja.")


def test_a_missing_index_leaves_the_level_undetermined():
    text = maturity_text("2017", 70.0, None, None)
    assert text.level is None and text.missing == "indeks kinerja" and not text.next_sentence
    assert maturity_text("2017", None, None, None).missing == "indeks kesiapan dan indeks kinerja"


def test_the_guide_description_becomes_what_the_level_means():
    managed = ("Tingkat maturity berikutnya adalah managed, artinya secara umum daerah tersebut "
               "telah menjalankan Smart Region dengan baik.")
    assert meaning_of(managed) == ("Artinya, secara umum daerah tersebut telah menjalankan Smart "
                                   "Region dengan baik.")
    assert meaning_of("Tahap terakhir adalah penyempurnaan.") == "Tahap terakhir adalah penyempurnaan."


@pytest.mark.django_db
def test_buku_i_shows_the_performance_table_and_the_derived_level():
    masterplan = MasterplanFactory()
    html = compose("books/book1.html", BUILDERS["1"](masterplan))
    assert "Indeks kinerja smart city per dimensi</caption>" in html
    assert "Tingkat kematangan <strong>belum dapat ditentukan</strong>" in html
    ReadinessEntry.objects.filter(masterplan=masterplan).update(interpretation="baik")
    PerformanceAssessment.objects.filter(masterplan=masterplan).update(rating="baik")
    content_version.masterplan_changed(masterplan.pk)  # an UPDATE is no edit: say it changed
    html = compose("books/book1.html", BUILDERS["1"](masterplan))
    table = html[html.index("Indeks kinerja smart city per dimensi</caption>"):]
    table = table[:table.index("</table>")]
    assert table.count("<tr>") == 1 + masterplan.edition.dimensions.count()
    assert table.count("100,0") == masterplan.edition.dimensions.count() + 2
    paragraph = words(html[html.index('<p class="maturity">'):])
    assert "adalah <strong>optimized</strong> (tingkat 4 dari 4)" in paragraph
    assert "tingkat tertinggi" in paragraph and "berikutnya adalah" not in paragraph
