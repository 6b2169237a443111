"""Every message that is %-formatted is a valid %-template: in every form and model field of the
project and in the code (`_("…") % values`, ValidationError params, validators' `message=`);
and every message of the workbook's table formats with any text.

Forms whose fields are made in `__init__` (grids of years, KPIs) are checked on their pages by
tests/test_numeric_inputs.py, which scans the forms of every page it opens the same way.
"""

import ast
import importlib
import pkgutil
import string
from pathlib import Path

from django import forms
from django.apps import apps

from masterplan.workbook.errors import MESSAGES, CellError

from .message_templates import bare_percent, unsafe_messages

PROJECT_APPS = ["masterplan", "readiness", "swot", "roadmap", "bimtek"]
NOT_IMPORTED = {"migrations", "wsgi", "asgi"}


def project_modules():
    for package_name in PROJECT_APPS:
        package = importlib.import_module(package_name)
        yield package
        for info in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            if NOT_IMPORTED.isdisjoint(info.name.split(".")):
                yield importlib.import_module(info.name)


def form_classes():
    """Every form class defined in the project's modules (the workbook's sheets included)."""
    modules = {module.__name__ for module in project_modules()}
    found, todo = set(), [forms.BaseForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            todo.append(subclass)
            if subclass.__module__ in modules:
                found.add(subclass)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def test_the_scan_reaches_the_project_forms():
    names = {cls.__name__ for cls in form_classes()}
    assert {"ProgramForm", "RecordForm", "MasterplanForm", "FinancingForm"} <= names


def test_formatted_messages_of_every_form_class_are_templates():
    unsafe = [problem for cls in form_classes()
              for problem in unsafe_messages(cls.base_fields, f"{cls.__module__}.{cls.__qualname__}")]
    assert unsafe == []


def test_formatted_messages_of_every_model_field_are_templates():
    unsafe = []
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            fields = {field.name: field for field in model._meta.get_fields()
                      if hasattr(field, "validators") and hasattr(field, "error_messages")}
            unsafe += unsafe_messages(fields, model._meta.label)
    assert unsafe == []


def test_a_literal_percent_in_a_validator_message_is_found():
    fields = {
        "progress": forms.IntegerField(max_value=100, error_messages={
            "max_value": "Kemajuan paling besar 100%.", "invalid": "Angka 0–100%"}),
        "kpi": forms.DecimalField(max_digits=5, error_messages={"invalid": "KPI 100% OPD salah."}),
        "code": forms.ChoiceField(choices=[("a", "A")], error_messages={
            "invalid_choice": "Pilih %(value)s dengan benar (100%%)."}),
    }
    assert unsafe_messages(fields, "form") == [
        "form.progress (max_value): Kemajuan paling besar 100%.",
        "form.kpi (invalid): KPI 100% OPD salah.",
    ]  # IntegerField's "invalid" has no params: never formatted, a "%" there is fine
    assert not bare_percent("Kemajuan paling besar %(limit_value)s%%.")


def test_every_workbook_message_formats_with_any_text():
    """The workbook's table uses str.format: no stray braces, only named fields, and a cell's own
    "%" or braces in a value come out as written."""
    for kind, texts in MESSAGES.items():
        for language, text in zip(("id", "en"), texts, strict=True):
            fields = [name for _literal, name, _spec, _conversion in string.Formatter().parse(text)
                      if name is not None]
            assert all(name.isidentifier() for name in fields), (kind, text)
            value = "100% {x} %(y)s"
            error = CellError(kind, "II.2 SDM", 7, "Angka", {name: value for name in fields})
            message = error.message(language)
            assert message.count(value) == len(fields), (kind, message)


TRANSLATE = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext",
             "ngettext_lazy"}


def _literal_texts(node):
    """The string constants of `node` when it is a literal or a translation call of literals."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) in TRANSLATE:
        return [arg.value for arg in node.args
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
    return []


def formatted_literals(tree):
    """(line, text) of every literal message the code %-formats: `_("…") % values`, a
    ValidationError with params, a validator's `message=`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            for text in _literal_texts(node.left):
                yield node.lineno, text
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
            keywords = {keyword.arg: keyword.value for keyword in node.keywords}
            if name == "ValidationError" and "params" in keywords and node.args:
                yield from ((node.lineno, text) for text in _literal_texts(node.args[0]))
            if name.endswith("Validator") and "message" in keywords:
                yield from ((node.lineno, text) for text in _literal_texts(keywords["message"]))


def test_messages_the_code_formats_are_templates():
    unsafe = []
    for module in project_modules():
        path = getattr(module, "__file__", None)
        if not path or not path.endswith(".py"):
            continue
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
        unsafe += [f"{module.__name__}:{line}: {text}" for line, text in formatted_literals(tree)
                   if bare_percent(text)]
    assert unsafe == []


def test_the_code_scan_finds_a_bare_percent():
    tree = ast.parse('msg = _("Kemajuan %(value)s dari 100%.") % {"value": 1}\n'
                     'ok = _("Kemajuan %(value)s%%") % {"value": 1}\n'
                     'raise ValidationError(_("Paling besar 100%."), params={"value": 1})\n'
                     'MaxValueValidator(100, message=_("Paling besar 100%."))\n'
                     'plain = _("Tanpa format: 100%.")\n')
    assert [(line, bare_percent(text)) for line, text in formatted_literals(tree)] == [
        (1, True), (2, False), (3, True), (4, True)]
