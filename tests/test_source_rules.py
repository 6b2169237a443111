"""Rules the project's source keeps (docs/architecture.md, the contributor notes).

- An import inside a function or method says why it is there: a comment on its own line or on
  the line directly above it (an import cycle, the app registry, a heavy library loaded late).
- No source file is over MAX_LINES lines (migrations aside).
"""

import ast
import io
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("masterplan", "readiness", "swot", "roadmap", "bimtek", "demo", "books")
MAX_LINES = 600

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
