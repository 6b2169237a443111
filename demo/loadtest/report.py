"""The load test's table (docs/performance.md, between the markers): p50 and p95 of each page,
its p95 over the bare view's p95 measured in the same run, for the demo region and the grown
one side by side."""

import re

BARE = "bare: login page"
SETUP_PREFIX = "setup: "


def percentile(values, share):
    """Nearest-rank percentile of the values (milliseconds); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 100))  # ceil without floats
    return ordered[int(rank) - 1]


def summary(results):
    """{name: {"count", "p50", "p95", "kib"}} of one phase's results (locustfile.py)."""
    pages = {}
    for name, times in results["timings"].items():
        if name.startswith(SETUP_PREFIX):
            continue
        sizes = results["sizes"].get(name) or [0]
        pages[name] = {"count": len(times), "p50": percentile(times, 50),
                       "p95": percentile(times, 95), "kib": max(sizes) / 1024}
    return pages


def _ms(value):
    return "–" if value is None else f"{value:,.0f}"


def _ratio(value, base):
    return "–" if value is None or not base else f"{value / base:.1f}×"


def table(phases):
    """Markdown table of the phases ({label: summary}, the first being the reference)."""
    labels = list(phases)
    names = sorted({name for pages in phases.values() for name in pages} - {BARE})
    header = ["page"]
    for label in labels:
        header += [f"{label} p50 ms", f"{label} p95 ms", f"{label} p95 ÷ bare", f"{label} KiB"]
    if len(labels) > 1:
        header.append(f"{labels[-1]} ÷ {labels[0]} (p95)")
    rows = [header, ["---"] + ["---:"] * (len(header) - 1)]
    for name in [BARE, *names]:
        row = [name]
        for label in labels:
            page, bare = phases[label].get(name, {}), phases[label].get(BARE, {})
            row += [_ms(page.get("p50")), _ms(page.get("p95")),
                    _ratio(page.get("p95"), bare.get("p95")),
                    f"{page['kib']:,.0f}" if page else "–"]
        if len(labels) > 1:
            first, last = phases[labels[0]].get(name, {}), phases[labels[-1]].get(name, {})
            row.append(_ratio(last.get("p95"), first.get("p95")))
        rows.append(row)
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def replace_section(text, section, marker="loadtest"):
    """The document with the section marked `marker` replaced, or appended when it has none."""
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    block = f"{start}\n{section.strip()}\n{end}"
    if start in text and end in text:
        return re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _: block, text,
                      flags=re.DOTALL)
    return text.rstrip("\n") + "\n\n" + block + "\n"
