"""Numbers in Buku I: one percent format ("14,6%"), a unit never alone on a line, '–' for none."""

from decimal import Decimal

from django.template import Context, Template

from masterplan.numbers import format_quantity


def test_a_percentage_has_no_space_and_other_units_a_non_breaking_one():
    assert format_quantity(Decimal("14.60"), "%") == "14,6%"
    assert format_quantity(96, " % ") == "96%"
    assert format_quantity(Decimal("1250"), "mahasiswa") == "1.250\u00a0mahasiswa"
    assert format_quantity(Decimal("3.5"), "") == "3,5"
    assert format_quantity(None, "%", empty="–") == "–"


def test_book_filters_write_a_dash_for_an_empty_amount():
    template = Template("{% load book_format %}{{ a|quantity:'%' }}|{{ b|quantity:'%' }}|"
                        "{{ c|number_or_dash }}|{{ d|number_or_dash }}")
    assert template.render(Context({"a": Decimal("38.20"), "b": None, "c": 1234.5, "d": ""})) == (
        "38,2%|–|1.234,5|–")
