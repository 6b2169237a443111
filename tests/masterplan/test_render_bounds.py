"""Renders stay bounded whatever the text: long unbroken words are cut before typesetting."""

from masterplan.books.render import LONG_RUN, PIECE, ZERO_WIDTH_SPACE, break_long_words


def test_long_runs_get_a_break_every_few_characters():
    word = "a" * (3 * PIECE + 5)
    html = break_long_words(f"<td>{word} pendek</td>")
    pieces = html.removeprefix("<td>").removesuffix(" pendek</td>").split(ZERO_WIDTH_SPACE)
    assert pieces == ["a" * PIECE] * 3 + ["a" * 5]


def test_ordinary_words_entities_and_markup_are_left_alone():
    short = "k" * (LONG_RUN - 1)
    assert break_long_words(f"<p>{short} ketidakberlangsungannya</p>") == (
        f"<p>{short} ketidakberlangsungannya</p>")
    embedded = "x" * 200
    html = (f'<style>@font-face {{ src: url("data:font/woff;base64,{embedded}") }}</style>'
            f'<a href="#{embedded}" title="{embedded}">ok</a><!--{embedded}-->')
    assert break_long_words(html) == html
    # An entity is one character and is never cut in the middle.
    broken = break_long_words("<p>" + "&amp;" * (2 * PIECE) + "</p>")
    assert broken == "<p>" + "&amp;" * PIECE + ZERO_WIDTH_SPACE + "&amp;" * PIECE + "</p>"
