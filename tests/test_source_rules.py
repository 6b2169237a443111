"""Rules the project's source keeps (docs/architecture.md, the contributor notes).

- An import inside a function or method says why it is there: a comment on its own line or on
  the line directly above it (an import cycle, the app registry, a heavy library loaded late).
- No source file is over MAX_LINES lines (migrations aside).
- Every time and date is written by the one clock (masterplan/clock.py): templates use its
  filters (`local_datetime`, `local_date`, `iso_datetime`), never Django's `|date`, `|time`,
  `{% now %}` and the like; Python formats no moment itself (`strftime`, `f"{moment:%H:%M}"`,
  `django.utils.formats.date_format`, `timezone.localtime`).
"""

import ast
import io
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("masterplan", "readiness", "swot", "roadmap", "bimtek", "demo", "books")
MAX_LINES = 600
CLOCK = ROOT / "masterplan" / "clock.py"
TEMPLATE_TIME = re.compile(
    r"\|\s*(date|time|naturaltime|naturalday|timesince|timeuntil)\b"  # Django's time filters
    r"|\{%\s*now\b"  # the {% now %} tag
    r"|\.isoformat\b")  # a moment as ISO text
TIME_FUNCTIONS = {"strftime", "date_format", "time_format", "localtime"}

def source_files():
    """The project's Python source: the apps and manage.py; not migrations, not tests."""
    files = [ROOT / "manage.py"]
    for package in PACKAGES:
        directory = ROOT / package
        if directory.is_dir():
            files += [path for path in directory.rglob("*.py") if "migrations" not in path.parts]
    return sorted(files)


def relative(path):
    return path.relative_to(ROOT).as_posix()


def comment_lines(source):
    """Line numbers holding a comment (tokenized, so a '#' inside a string is no comment)."""
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return {token.start[0] for token in tokens if token.type == tokenize.COMMENT}


def uncommented_function_imports(path):
    source = path.read_text(encoding="utf-8")
    commented = comment_lines(source)
    found = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Import | ast.ImportFrom) and not {inner.lineno, inner.lineno - 1} & commented:
                found.append((inner.lineno, ast.unparse(inner)))
    return sorted(set(found))


def test_the_scan_finds_the_project_sources():
    names = {relative(path) for path in source_files()}
    assert {"manage.py", "masterplan/models.py", "bimtek/matrix.py", "roadmap/roadmap.py"} <= names
    assert not any("/migrations/" in name or name.startswith("tests/") for name in names)


def test_a_function_level_import_says_why():
    offenders = [
        f"{relative(path)}:{line}: {statement}"
        for path in source_files()
        for line, statement in uncommented_function_imports(path)
    ]
    assert not offenders, (
        "Imports inside a function need a comment saying why (same line or the line above), "
        "or belong at module level:\n" + "\n".join(offenders)
    )


def test_the_check_flags_an_uncommented_import_and_accepts_a_commented_one(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "def plain():\n"
        "    import json\n"
        "\n"
        "def above():\n"
        "    # deferred: the registry is not ready at import time\n"
        "    import json\n"
        "\n"
        "def same_line():\n"
        "    import json  # loaded only when exporting\n"
        "\n"
        "class Thing:\n"
        "    def method(self):\n"
        "        url = '#not-a-comment'\n"
        "        from json import dumps\n"
    )
    assert uncommented_function_imports(module) == [(2, "import json"), (14, "from json import dumps")]


def test_no_source_file_is_over_the_line_limit():
    """The apps and the tests alike: a file one person can hold (migrations are generated)."""
    tests = [path for path in (ROOT / "tests").rglob("*.py")]
    counts = {relative(path): len(path.read_text(encoding="utf-8").splitlines())
              for path in [*source_files(), *tests]}
    over = {name: count for name, count in counts.items() if count > MAX_LINES}
    assert not over, f"Over {MAX_LINES} lines: {over}"


def template_time_formatting(text):
    """(line, excerpt) of each place a template formats a time itself."""
    return [(text.count("\n", 0, found.start()) + 1, found.group(0))
            for found in TEMPLATE_TIME.finditer(text)]


def python_time_formatting(path):
    """(line, what) of each place a module formats a moment itself: a call of strftime,
    date_format, time_format or localtime, or an f-string with a % directive ({at:%H:%M})."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name in TIME_FUNCTIONS:
                found.append((node.lineno, f"{name}()"))
        elif isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            spec = ast.unparse(node.format_spec)
            if re.search(r"%[A-Za-z]", spec):  # a strftime directive; "{share:.0%}" is a number
                found.append((node.lineno, f"format spec {spec}"))
    return sorted(set(found))


def test_templates_write_times_only_through_the_clock():
    templates = sorted((ROOT / "templates").rglob("*.html")) + sorted(
        (ROOT / "templates").rglob("*.txt"))
    assert len(templates) > 50
    offenders = [f"{relative(path)}:{line}: {excerpt}"
                 for path in templates
                 for line, excerpt in template_time_formatting(path.read_text(encoding="utf-8"))]
    assert not offenders, (
        "Show times with the clock's filters of masterplan_tags (local_datetime:region, "
        "local_date, iso_datetime), not Django's own:\n" + "\n".join(offenders))


def test_python_formats_no_moment_outside_the_clock():
    offenders = [f"{relative(path)}:{line}: {what}"
                 for path in source_files() if path != CLOCK
                 for line, what in python_time_formatting(path)]
    assert not offenders, (
        "Format times with masterplan.clock (format_datetime, format_date, format_stamp, "
        "format_iso), in the region's zone:\n" + "\n".join(offenders))


def test_the_time_checks_flag_formatting_and_accept_the_clock(tmp_path):
    assert [excerpt for _line, excerpt in template_time_formatting(
        '{{ a|date:"j M Y H:i" }}\n{{ b | time }}\n{% now "Y" %}\n{{ c.isoformat }}\n'
        '{{ d|timesince }}')] == ["|date", "| time", "{% now", ".isoformat", "|timesince"]
    assert template_time_formatting(
        "{{ a|local_datetime:region }} {{ b|local_date }} {{ c|iso_datetime:region }} "
        "{{ d.update_date }} {{ e|default:'—' }} {{ timeline }}") == []
    module = tmp_path / "module.py"
    module.write_text(
        "from django.utils import timezone\n"
        "from django.utils.formats import date_format\n"
        "def show(at, n):\n"
        "    a = at.strftime('%d-%m-%Y')\n"
        "    b = f'Ekspor {at:%Y-%m-%d %H:%M}'\n"
        "    c = date_format(at, 'j F Y')\n"
        "    d = timezone.localtime(at)\n"
        "    return f'{n:,} {n:.2f} {n!r} {n:.0%}', datetime.fromisoformat('2026-01-01')\n")
    assert [line for line, _what in python_time_formatting(module)] == [4, 5, 6, 7]
