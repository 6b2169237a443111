"""Security headers (masterplan/security_headers.py, django-csp) and the inline-code-free
templates the Content-Security-Policy depends on (docs/deploy.md, "Security headers")."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from masterplan.security_headers import permissions_policy
from readiness.charts import Bar, bar_chart

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
# Rendered to PDF by WeasyPrint only, never sent to a browser: their <style> is the book's layout.
PDF_ONLY = ("books/", "bimtek/report_pdf.html", "evaluation/evidence_index.html")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'; frame-ancestors 'none'")


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


def assert_common_headers(response):
    assert directives(response["Content-Security-Policy"]) == directives(CSP)
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_permissions_policy_value():
    assert permissions_policy({"camera": [], "fullscreen": ["self"]}) == "camera=(), fullscreen=(self)"


@pytest.mark.django_db
def test_anonymous_page_gets_csp_and_permissions_policy_but_stays_cacheable_by_its_view():
    response = Client().get(reverse("password_reset"))
    assert response.status_code == 200
    assert_common_headers(response)
    # Nothing private on it: the middleware leaves its caching to the view.
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_login_page_gets_the_headers():
    response = Client().get(reverse("login"))
    assert response.status_code == 200
    assert_common_headers(response)


@pytest.mark.parametrize("role, url_name, kwargs", [
    ("admin", "dashboard", {}), ("admin", "region_list", {}), ("admin", "index_overview", {}),
    ("ketua", "region_detail", {"region_code": "32.73"}), ("ketua", "password_change", {}),
])
def test_logged_in_pages_are_private_and_not_stored(world, client, role, url_name, kwargs):
    client.force_login(world.user(role))
    response = client.get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == 200
    assert_common_headers(response)
    assert response["Cache-Control"] == "private, no-store"
    assert inline_code_problems(response.content.decode()) == []


def test_logged_in_download_is_private_and_not_stored(world, client):
    client.force_login(world.user("admin"))
    response = client.get(reverse("index_overview_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "private, no-store"
    assert "Content-Security-Policy" in response


def test_logged_in_error_page_is_private_too(world, client):
    client.force_login(world.user("anggota"))
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert response["Cache-Control"] == "private, no-store"


def test_after_logout_pages_get_no_private_header(world, client):
    client.force_login(world.user("ketua"))
    client.post(reverse("logout"))
    response = client.get(reverse("password_reset"))
    assert "no-store" not in response.get("Cache-Control", "")


# --- no inline code in what the browser gets -------------------------------------------------

INLINE_CODE = [
    (re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script> (put it in static/js/)"),
    (re.compile(r"<[^>]*\son[a-z]+\s*=", re.I), "inline event handler (use static/js/app.js)"),
    (re.compile(r"\bhx-on\b|\bhx-on[:-]", re.I), "hx-on (evaluates code; the CSP forbids eval)"),
    (re.compile(r"\bhx-vars\b|\bjs:|javascript:", re.I), "evaluated JavaScript"),
]
INLINE_STYLE = [
    (re.compile(r"<[^>]*\sstyle\s*=", re.I), "style attribute (add a class to static/css/app.css)"),
    (re.compile(r"<style\b", re.I), "<style> element (put it in static/css/)"),
]


# {# #} spans one line only (on more, Django prints it); {% comment %} may span several.
TEMPLATE_COMMENT = re.compile(r"\{#[^\n]*?#\}|\{% comment %\}.*?\{% endcomment %\}", re.S)


def template_files():
    return sorted(path for path in TEMPLATES.rglob("*.html"))


def inline_code_problems(text, browser_page=True):
    rules = INLINE_CODE + (INLINE_STYLE if browser_page else [])
    return [f"line {text.count(chr(10), 0, match.start()) + 1}: {reason}: {match.group(0)[:80]!r}"
            for pattern, reason in rules for match in pattern.finditer(text)]


def test_the_checker_catches_inline_code():
    bad = ('<form onsubmit="return confirm(1)"><script>alert(1)</script>'
           '<button hx-on:click="x()" style="color: red">')
    reasons = " ".join(inline_code_problems(bad))
    for reason in ("inline <script>", "event handler", "hx-on", "style attribute"):
        assert reason in reasons
    assert inline_code_problems('<script src="/static/js/app.js" defer></script>'
                                '<div data-confirm="Hapus?" hx-confirm="Hapus?">') == []


def test_no_template_contains_inline_script_handler_or_style():
    problems = {}
    for path in template_files():
        name = path.relative_to(TEMPLATES).as_posix()
        # Comments are blanked, not removed, so the line numbers stay right.
        text = TEMPLATE_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), path.read_text())
        found = inline_code_problems(text, browser_page=not name.startswith(PDF_ONLY))
        if found:
            problems[name] = found
    assert not problems, problems


def test_charts_carry_no_style_attribute():
    svg = str(bar_chart([Bar("Struktur", 72.5), Bar("Suprastruktur", None)], title="Judul"))
    assert "<svg" in svg
    assert inline_code_problems(svg) == []
    assert 'class="chart"' in svg


def test_base_page_keeps_htmx_from_injecting_styles_or_evaluating_code():
    html = render_to_string("base.html")
    config = re.search(r'<meta name="htmx-config" content=\'([^\']*)\'', html).group(1)
    assert '"includeIndicatorStyles": false' in config
    assert '"allowEval": false' in config
    assert "js/app.js" in html
    assert ".htmx-indicator" in (ROOT / "static" / "css" / "app.css").read_text()


def test_policy_setting_has_no_unsafe_source():
    for sources in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].values():
        assert not any("unsafe" in source for source in sources)


@pytest.mark.django_db
def test_csrf_failure_page_is_ours_not_djangos_inline_styled_one():
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formulir tidak dapat dikirim" in html
    assert inline_code_problems(html) == []
