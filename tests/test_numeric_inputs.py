"""Numbers out of range or malformed, posted to every numeric field of every form of the project.

The forms are found, not listed: every page of the access matrix (tests/test_access_matrix.py)
is opened as a user allowed to edit there (the ketua of the own region, whose masterplan is in
draf, or whoever the matrix lets in first), and every `<form method="post">` of the answer is
read. Its numeric fields are the inputs typed or marked as numbers (type=number, inputmode=decimal
or numeric) and the fields of the page's forms that are Django number fields (IntegerField,
DecimalField, FloatField and their subclasses, whatever their widget). One field of each kind
(one cell of a grid stands for the grid) is posted with each of BAD_VALUES, the rest of the form
as the page filled it.

Refused input must answer 4xx (the project's 422) or 200 with the page, with a visible message
(a form error shown in the HTML), and must leave the database as it was. ALWAYS_REFUSED values
must be refused; the others may be valid for a field and then only must not break anything.
Nothing may ever answer 500. The messages of the page's forms that Django %-formats are checked
as in tests/test_form_messages.py, here with the fields forms make in `__init__`."""

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django import forms
from django.apps import apps
from django.db import connection, transaction
from django.forms.formsets import BaseFormSet
from django.urls import Resolver404, resolve, reverse

from masterplan.models import Region
from masterplan.reference_data import load_reference_data
from roadmap.models import KpiTarget, Program, ProgramKpi, QuickWin

from .conftest import build_world
from .message_templates import unsafe_messages
from .test_access_matrix import EXPECTATIONS, OK

# Out of range for percentages, counts and years; too large for any numeric column; Arabic-Indic
# digits (int() and Decimal() read them as 123); an exponent beyond every column; not a number;
# letters; nothing.
BAD_VALUES = ["-1", "101", str(10**20), "١٢٣", "1e999", "NaN", "abc", ""]
# Numbers in no field of the project: refused wherever they are typed.
ALWAYS_REFUSED = {str(10**20), "1e999", "NaN", "abc"}
# Hidden numeric fields (versions, formset counts) are filled by the page; tampered with, they
# may be refused or ignored, never break the page or half-save.
HIDDEN_VALUES = [str(10**20), "abc"]

# Who edits a page, in order of preference: the ketua of the own region first, then the other
# roles the access matrix lets in (admins last: their pages are the Kominfo admin pages).
EDITORS = ["ketua", "anggota", "pembimbing", "admin"]
NUMBER_FIELDS = (forms.IntegerField, forms.DecimalField, forms.FloatField)
PROJECT_APPS = {"masterplan", "readiness", "swot", "roadmap", "bimtek"}
# A KPI name with a percent sign: messages built from it must still be safe to format.
KPI_NAME = "Cakupan layanan daring 100% OPD"


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """The access matrix's world, built once for the module and rolled back at its end; each
    test runs in a savepoint of it (the `db` fixture)."""
    with django_db_blocker.unblock(), transaction.atomic():
        if not Region.objects.exists():
            load_reference_data()
        world = build_world()
        yield world
        transaction.set_rollback(True)


def complete_program(program_pk):
    """What the program form adds to the matrix's bare program: a KPI with a target in the
    program's first year (so its number grids have fields) and, for a quick win, the row of its
    answers (made when a program is flagged)."""
    program = Program.objects.get(pk=program_pk)
    kpi = ProgramKpi.objects.create(program=program, name=KPI_NAME, unit="%", baseline_value=40)
    KpiTarget.objects.create(kpi=kpi, year=program.start_year, value=60)
    if program.is_quick_win:
        QuickWin.objects.get_or_create(program=program)


def editor(expect):
    """The first role of EDITORS the expectation lets in on the own region, or None."""
    if expect is None:
        return None
    return next((role for role in EDITORS if expect.own.get(role) == OK), None)


def pages():
    for name, case in EXPECTATIONS.items():
        role = editor(case.get)
        if role is not None:
            yield pytest.param(name, role, id=f"{name}-{role}")


# --- reading the page -----------------------------------------------------------------------

class PostForms(HTMLParser):
    """The `<form method="post">` elements of a page: action and the fields a browser sends."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "").lower() == "post" or "hx-post" in attrs:
                self._form = {"action": attrs.get("hx-post") or attrs.get("action") or "",
                              "htmx": "hx-post" in attrs, "fields": [], "numeric": set(),
                              "hidden": set()}
                self.forms.append(self._form)
            return
        form = self._form
        if form is None or "name" not in attrs or "disabled" in attrs:
            if tag == "option" and self._select is not None:
                self._option(attrs)
            return
        name = attrs["name"]
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind == "number" or attrs.get("inputmode") in ("decimal", "numeric"):
                form["numeric"].add(name)
            if kind == "hidden":
                form["hidden"].add(name)
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    form["fields"].append([name, attrs.get("value") or "on"])
            elif kind not in ("submit", "button", "image", "reset", "file"):
                form["fields"].append([name, attrs.get("value") or ""])
        elif tag == "select":
            self._select = {"name": name, "multiple": "multiple" in attrs, "first": None,
                            "chosen": []}
        elif tag == "textarea":
            self._textarea = [name, ""]
            form["fields"].append(self._textarea)

    def _option(self, attrs):
        value = attrs.get("value") or ""
        if self._select["first"] is None:
            self._select["first"] = value
        if "selected" in attrs:
            self._select["chosen"].append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None:
            select, self._select = self._select, None
            chosen = select["chosen"] or ([] if select["multiple"] or select["first"] is None
                                          else [select["first"]])
            if self._form is not None:
                self._form["fields"].extend([select["name"], value] for value in chosen)


def context_forms(response):
    """Every form of the response's template context, formsets opened up."""
    seen, found = set(), []

    def add(value):
        if isinstance(value, BaseFormSet):
            for form in value.forms:
                add(form)
        elif isinstance(value, forms.BaseForm) and id(value) not in seen:
            seen.add(id(value))
            found.append(value)
        elif isinstance(value, list | tuple):
            for item in value:
                add(item)
        elif type(value).__module__.split(".")[0] in PROJECT_APPS and hasattr(value, "__dict__"):
            for item in vars(value).values():  # e.g. a program editor holding its forms
                if isinstance(item, forms.BaseForm | BaseFormSet):
                    add(item)

    contexts = response.context or []
    if hasattr(contexts, "dicts"):  # a page of one template has one Context, not a list
        contexts = [contexts]
    for context in contexts:
        for layer in context.dicts:
            for value in layer.values():
                add(value)
    return found


def number_fields(response):
    """{html name: (form, field)} of the number fields of the response's forms."""
    return {form[name].html_name: (form, field) for form in context_forms(response)
            for name, field in form.fields.items() if isinstance(field, NUMBER_FIELDS)}


def kind(name, hidden, fields):
    """What a numeric field is, so that one field of each kind is posted: a field of the page's
    forms by its form, class and limits (one financing cell stands for the grid); a hidden field
    by its name without prefix and numbers (one TOTAL_FORMS for every formset); an input by its
    name without numbers."""
    shape = re.sub(r"\d+", "#", name)
    if hidden:
        return ("hidden", shape.rsplit("-", 1)[-1])
    if name in fields:
        form, field = fields[name]
        model = getattr(getattr(form, "_meta", None), "model", None)
        own_column = model is not None and name.rsplit("-", 1)[-1] in {
            model_field.name for model_field in model._meta.get_fields()}
        limits = sorted(repr(vars(validator)) for validator in field.validators)
        return (type(form).__qualname__, type(field).__qualname__, own_column, tuple(limits))
    return ("input", shape)


def target(action, page_url):
    """(URL name, path) the form posts to; None for forms posting outside the project."""
    path = urlsplit(action).path or page_url
    try:
        return resolve(path).url_name, path
    except Resolver404:
        return None


def shape(fields):
    """Field names with numbers replaced, so the same form for another row counts once."""
    return tuple(sorted({re.sub(r"\d+", "#", name) for name, _value in fields}))


# --- checking the answer --------------------------------------------------------------------

def database_state():
    """Rows of every table of the project's models, history included (a save shows up there),
    and the sum of every version column (an update bumps it): one query."""
    quote = connection.ops.quote_name
    parts = []
    for model in apps.get_models():
        table = quote(model._meta.db_table)
        parts.append(f"(SELECT COUNT(*) FROM {table})")
        columns = {field.column for field in model._meta.concrete_fields}
        if "version" in columns:
            parts.append(f"(SELECT COALESCE(SUM({quote('version')}), 0) FROM {table})")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return cursor.fetchone()


def shown_messages(response):
    """Error messages of the response's forms that its HTML shows."""
    body = response.content.decode()
    found = context_forms(response)
    messages = {str(message) for form in found for errors in form.errors.values()
                for message in errors}
    contexts = response.context or []
    if hasattr(contexts, "dicts"):  # a page of one template has one Context, not a list
        contexts = [contexts]
    for context in contexts:
        for layer in context.dicts:
            for value in layer.values():
                if isinstance(value, BaseFormSet):
                    messages |= {str(message) for message in value.non_form_errors()}
    return [message for message in messages if html.escape(message) in body or message in body]


def numeric_forms(client, page_url):
    """[((URL name, path), form, [(numeric field, hidden?)])] of a page's POST forms, and the
    formatted messages with a bare "%" of the page's forms."""
    response = client.get(page_url)
    assert response.status_code == 200, f"GET {page_url}: {response.status_code}"
    if not response["Content-Type"].startswith("text/html"):
        return [], []  # a download
    parser = PostForms()
    parser.feed(response.content.decode())
    fields = number_fields(response)
    unsafe = [problem for form in context_forms(response)
              for problem in unsafe_messages(form.fields, type(form).__qualname__)]
    found, seen = [], set()
    for form in parser.forms:
        names = {name for name, _value in form["fields"]}
        posted_to = target(form["action"], page_url)
        numeric = (form["numeric"] | set(fields)) & names
        if not numeric or posted_to is None or (posted_to[0], shape(form["fields"])) in seen:
            continue
        seen.add((posted_to[0], shape(form["fields"])))
        kinds = {}
        for name in sorted(numeric):
            hidden = name in form["hidden"]
            kinds.setdefault(kind(name, hidden, fields), (name, hidden))
        found.append((posted_to, form, sorted(kinds.values())))
    return found, unsafe


@pytest.mark.parametrize("name,role", list(pages()))
def test_bad_numbers_are_refused_with_a_message(client, shared_world, db, name, role):
    world = shared_world
    case = EXPECTATIONS[name]
    region = world.own
    kwargs = case.kwargs(world, region)
    if "program_pk" in kwargs:
        complete_program(kwargs["program_pk"])
    page_url = reverse(name, kwargs=kwargs)
    client.force_login(world.user(role))
    client.raise_request_exception = False
    found, problems = numeric_forms(client, page_url)
    for (url_name, path), form, numeric in found:
        if editor(EXPECTATIONS[url_name].post) != role:
            continue  # a form of a user with other rights, checked on a page of theirs
        headers = {"HX-Request": "true"} if form["htmx"] else {}
        for field, hidden in numeric:
            for value in HIDDEN_VALUES if hidden else BAD_VALUES:
                problems += post_bad_value(client, path, form, field, value, hidden, headers)
    assert not problems, "\n".join(problems)


def post_bad_value(client, path, form, field, value, hidden, headers):
    data = {}
    for key, current in form["fields"]:
        data.setdefault(key, []).append(value if key == field else current)
    before = database_state()
    with transaction.atomic():
        response = client.post(path, data, headers=headers)
        # After a database error (PostgreSQL) the transaction takes no query until rolled back.
        after = database_state() if response.status_code < 500 else None
        transaction.set_rollback(True)
    status = response.status_code
    what = f"POST {path} {field}={value!r}: {status}"
    if status >= 500:
        error = getattr(response, "exc_info", None)
        return [f"{what} {error[1]!r}" if error else what]
    problems = []
    refused = 400 <= status < 500 or status == 200
    if hidden:  # filled by the page, not typed: refused or ignored, never half-saved
        pass
    elif value in ALWAYS_REFUSED and not refused:
        problems.append(f"{what} (accepted)")
    elif refused and not shown_messages(response):
        problems.append(f"{what} (no message shown)")
    if refused and before != after:
        problems.append(f"{what} (refused, but the database changed)")
    return problems


def test_the_pages_with_number_fields_are_found(client, shared_world, db):
    """The crawl reaches the known number inputs (it must not pass by finding nothing)."""
    world = shared_world
    client.force_login(world.user("ketua"))
    kwargs = EXPECTATIONS["monitoring_record_add"].kwargs(world, world.own)
    complete_program(kwargs["program_pk"])
    url = reverse("monitoring_record_add", kwargs=kwargs)
    found, _unsafe = numeric_forms(client, url)
    [(_target, _form, numeric)] = found
    assert {"progress_percent", f"realisasi_{ProgramKpi.objects.get().pk}"} <= {
        name for name, _hidden in numeric}
