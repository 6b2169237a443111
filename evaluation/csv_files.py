"""CSV files people upload to the evaluation (results, survey responses), most of them saved
from Excel: decoded and split into numbered rows one way. Each reader checks the size against
its own limit first, then names the rows' and columns' errors itself."""

import csv
import io

from django.utils.translation import gettext as _

NOT_UTF8 = ("Berkas bukan teks UTF-8. Di Excel simpan sebagai “CSV UTF-8 (dipisahkan koma)”, "
            "lalu unggah lagi.")


def text_of(data, refused):
    """The text of uploaded bytes (UTF-8, a byte order mark allowed); `refused(errors)` is the
    caller's exception, raised for a file that is not UTF-8 text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise refused([_(NOT_UTF8)]) from None
    if "\x00" in text:
        raise refused([_("Berkas ini bukan CSV (berisi data biner); unggah berkas .csv, bukan "
                         ".xlsx.")])
    return text


def delimiter(text):
    """`;` or `,`: whichever the header line has more of (Excel writes `;` in an Indonesian
    locale, `,` in an English one)."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def numbered_rows(text, refused):
    """[(line number, cells)] of a CSV text, the header being line 1."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    rows = []
    try:
        for cells in reader:
            rows.append((reader.line_num, cells))
    except csv.Error as error:
        raise refused([_("Baris %(line)s: berkas tidak terbaca sebagai CSV (%(error)s).")
                       % {"line": reader.line_num, "error": error}]) from None
    return rows
