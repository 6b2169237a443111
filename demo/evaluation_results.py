"""The published results of the demo's 2025 evaluation (weights 10/20/30/30/10): Kota Bandung,
Kabupaten Banyuwangi and eight more regions of five provinces, so the ranking, the summary per
province and a region's own rank have content. Two regions share a final (a shared rank), and
Kota Malang's published final differs from its components' weighted sum (a typo the results page
flags).

Idempotent: the import replaces the results with the same values, and a region added as a
participant stays one."""

from decimal import Decimal as D

from evaluation import results
from evaluation.models import COMPONENTS
from masterplan.models import Region, User

SOURCE = "Pengumuman hasil evaluasi smart city 2025 (demo)"
# code: (baseline, output, outcome, impact, quick win)
COMPONENTS_2025 = {
    "32.73": ("71.20", "62.50", "57.40", "60.80", "69.00"),  # Kota Bandung
    "35.10": ("74.00", "66.00", "60.50", "63.00", "71.00"),  # Kabupaten Banyuwangi
    "35.78": ("82.00", "76.50", "70.20", "72.40", "80.00"),  # Kota Surabaya
    "33.74": ("78.00", "68.00", "62.00", "64.00", "72.00"),  # Kota Semarang
    "34.71": ("76.00", "64.00", "59.00", "62.00", "70.00"),  # Kota Yogyakarta
    "51.71": ("70.00", "60.00", "58.00", "60.00", "66.00"),  # Kota Denpasar
    "32.77": ("68.00", "62.00", "58.00", "60.00", "64.00"),  # Kota Cimahi (the same final)
    "32.04": ("66.00", "58.00", "54.00", "56.00", "64.00"),  # Kabupaten Bandung
    "35.73": ("72.00", "63.00", "58.00", "61.00", "69.00"),  # Kota Malang
    "73.71": ("71.00", "61.00", "56.00", "59.00", "67.00"),  # Kota Makassar
}
# Published finals that are not their components' weighted sum.
TYPOS = {"35.73": D("64.20")}  # 62.40 computed
BANDUNG_DIMENSIONS = {"governance": D("64.10"), "branding": D("58.30"), "economy": D("60.20"),
                      "living": D("63.40"), "society": D("61.70"), "environment": D("59.60")}


def seed(cycles):
    cycle = cycles[2025]
    regions = {region.code: region for region in
               Region.objects.filter(code__in=COMPONENTS_2025).select_related("province")}
    rows = []
    for line, (code, values) in enumerate(COMPONENTS_2025.items(), start=2):
        parts = dict(zip(COMPONENTS, (D(value) for value in values), strict=True))
        final = TYPOS.get(code) or results.computed_final(cycle, parts)
        rows.append(results.ResultRow(line, regions[code], {**parts, results.FINAL: final},
                                      BANDUNG_DIMENSIONS if code == "32.73" else {}))
    admin = User.objects.filter(username="admin").first()
    return results.import_results(cycle.year, rows, admin, source=SOURCE)
