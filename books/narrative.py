"""The narrative sections of the books: which exist, their titles, and their starting text.

Text is written in a small, safe plain-text format (see books/text.py): blank lines separate
paragraphs, lines starting with "- " or "1. " make lists, **bold** and *italic*; no HTML.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from masterplan.guide import guide


@dataclass(frozen=True)
class Narrative:
    key: str
    title: str
    books: str  # the books it appears in, e.g. "2" or "23"
    help: str = ""


BASE = [
    Narrative("sambutan_kepala_daerah", _("Kata sambutan Kepala Daerah"), "2"),
    Narrative("sambutan_sekretaris_dewan", _("Kata sambutan Sekretaris Dewan Smart City"), "2"),
    Narrative("latar_belakang", _("Latar belakang"), "2",
              _("Kondisi daerah dan alasan menyusun masterplan smart city.")),
    Narrative("tujuan", _("Tujuan masterplan"), "2"),
    Narrative("landasan_hukum", _("Landasan hukum"), "2",
              _("Diisi awal dengan sebelas dasar hukum dari panduan; sesuaikan dan tambahkan "
                "peraturan daerah.")),
    Narrative("kerangka_pikir", _("Kerangka pikir smart city"), "2"),
    Narrative("literasi", _("Rencana penguatan literasi smart city daerah"), "2"),
    Narrative("penutup", _("Penutup"), "2"),
    Narrative("ringkasan_latar_belakang", _("Latar belakang (Buku III)"), "3",
              _("Latar belakang singkat untuk ringkasan eksekutif.")),
]


def strategy_key(dimension_code):
    return f"strategi_{dimension_code}"


def narratives(edition_code):
    """Every narrative of an edition: the base list plus one strategy narrative per dimension."""
    items = list(BASE)
    for dimension in guide(edition_code)["dimensions"]:
        items.insert(-2, Narrative(strategy_key(dimension["code"]),
                                   _("Strategi %(dimension)s") % {"dimension": dimension["title"]},
                                   "23"))
    return items


def title_of(key, edition_code="2017"):
    for item in narratives(edition_code):
        if item.key == key:
            return item.title
    return key


def initial_text(key, edition_code):
    """Starting text for a new masterplan: the guide's legal bases for 'landasan_hukum'."""
    if key == "landasan_hukum":
        return "\n".join(f"{n}. {item['text']}"
                         for n, item in enumerate(guide(edition_code)["legal_basis"], start=1))
    return ""
