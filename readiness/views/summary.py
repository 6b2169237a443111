"""A region's readiness summary and its maturity level (Smart Region Maturity)."""

from django.conf import settings
from django.urls import reverse
from django.utils.formats import number_format
from django.views.generic import TemplateView

from masterplan.guide import guide
from masterplan.views.base import MasterplanMixin

from .. import charts, scoring, services
from ..models import Interpretation


def number_text(value):
    """A Decimal without its trailing zeros, Indonesian format: 1234.5000 -> '1.234,5'."""
    if value is None:
        return ""
    value = value.quantize(1) if value == value.to_integral_value() else value.normalize()
    return number_format(value, force_grouping=True)


def _weights_text():
    """'baik = 3, sedang = 2, buruk = 1' from settings.READINESS_WEIGHTS, best first."""
    labels = dict(Interpretation.choices)
    weights = settings.READINESS_WEIGHTS
    return ", ".join(f"{str(labels.get(code, code)).lower()} = {weights[code]}"
                     for code in sorted(weights, key=weights.get, reverse=True))


class ReadinessSummaryView(MasterplanMixin, TemplateView):
    """The readiness index overall, per element and per table, the bar chart and the
    components judged buruk."""

    template_name = "readiness/summary.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        masterplan, region = self.masterplan, self.region
        overall, elements = services.readiness_indices([masterplan])[masterplan.pk]
        rows = []
        for element in elements:
            rows.append({"group": element, "level": 0, "sub_area": None})
            rows.extend({"group": child, "level": 1, "sub_area": child.code}
                        for child in element.children)
        slugs = {sub_area.pk: sub_area.slug for sub_area in services.sub_areas(masterplan.edition_id)}
        for row in rows:
            if row["sub_area"] is not None:
                row["url"] = reverse("readiness_table", kwargs={
                    "region_code": region.code, "table": slugs[row["sub_area"]]})
        buruk = []
        for entry in services.components_judged(masterplan, Interpretation.BURUK):
            url = reverse("readiness_table", kwargs={"region_code": region.code,
                                                     "table": entry.sub_area.slug})
            buruk.append({"entry": entry, "url": f"{url}#isian-{entry.pk}",
                          "number": number_text(entry.value_number)})
        context.update(
            overall=overall,
            rows=rows,
            judged=sum(element.judged for element in elements),
            unjudged=sum(element.unjudged for element in elements),
            chart=charts.readiness_bars(elements, described_by="tabel-indeks-kesiapan"),
            buruk=buruk,
            weights_text=_weights_text(),
            best_weight=max(settings.READINESS_WEIGHTS.values()),
        )
        return context


def level_descriptions(edition_code):
    """{level code: the guide's description of that maturity level}."""
    return {level["code"]: level["description"] for level in guide(edition_code)["maturity"]["levels"]}


def threshold_steps():
    """[(label, minimum, next minimum or None)] of scoring.MATURITY_LEVELS, for the explanation."""
    levels = scoring.MATURITY_LEVELS
    return [(label, minimum, levels[i + 1][2] if i + 1 < len(levels) else None)
            for i, (_code, label, minimum) in enumerate(levels)]


class MaturityView(MasterplanMixin, TemplateView):
    """Readiness (capability) and performance indices, the maturity level and its chart."""

    template_name = "readiness/maturity.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        masterplan = self.masterplan
        readiness, readiness_groups = services.readiness_indices([masterplan])[masterplan.pk]
        performance, dimensions = services.performance_indices([masterplan])[masterplan.pk]
        level = scoring.maturity_level(readiness, performance)
        context.update(
            readiness=readiness,
            readiness_judged=sum(group.judged for group in readiness_groups),
            readiness_unjudged=sum(group.unjudged for group in readiness_groups),
            performance=performance,
            performance_judged=sum(group.judged for group in dimensions),
            performance_unjudged=sum(group.unjudged for group in dimensions),
            dimensions=dimensions,
            level=level,
            level_label=scoring.maturity_label(level),
            level_description=level_descriptions(masterplan.edition.code).get(level, ""),
            steps=threshold_steps(),
            chart=charts.maturity_chart(readiness, performance,
                                        point_label=self.region.display_name,
                                        described_by="tabel-kematangan"),
        )
        return context
