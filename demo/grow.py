"""Grow a masterplan to N programs, for measuring and checking the books at the size of a large
region (`manage.py grow_programs 32.73 120`, `bench_books --programs 120`).

The added programs are spread over the six dimensions (round robin over the edition's dimension
elements), the three horizons and the four Rencana Aksi categories; each gets a lead and a
supporting OPD, one or two KPIs with a target for every year of the program, financing for every
year from one to three sources, and, through demo/monitoring.py, M&E records with KPI actuals for
the quarters the demo monitors. Content goes through the roadmap's own services (set_kpi_targets,
set_financing, check_program), as demo/programs.py does. Figures are illustrative.

Growing is idempotent: a masterplan that already has N programs or more gets nothing, so the same
N twice changes nothing.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max

from masterplan import content_version
from masterplan.models import DimensionElement
from roadmap.models import Category, Horizon, InfrastructureKind, MonitoringRecord, Program, ProgramKpi
from roadmap.program_editor import set_financing, set_kpi_targets
from roadmap.program_rules import check_program

from . import monitoring
from .programs import _opds
from .targets import yearly_targets

M = 1_000_000
HORIZONS = [(Horizon.SHORT, 1), (Horizon.MEDIUM, 5), (Horizon.LONG, 10)]
CATEGORIES = [Category.POLICY, Category.INFRASTRUCTURE, Category.APPLICATION, Category.LITERACY]
INFRASTRUCTURE = [InfrastructureKind.NETWORK, InfrastructureKind.DATA_CENTER,
                  InfrastructureKind.CONTROL_ROOM, InfrastructureKind.OTHER]
THEMES = {
    Category.POLICY: ("Regulasi dan tata kelola", "Peraturan dan SOP yang menetapkan peran OPD, "
                      "standar data dan kewajiban pelaporan"),
    Category.INFRASTRUCTURE: ("Infrastruktur pendukung", "Jaringan, perangkat dan ruang kendali "
                              "yang diperlukan layanan"),
    Category.APPLICATION: ("Aplikasi layanan", "Aplikasi yang terhubung ke platform integrasi "
                           "kota dan dapat dipakai warga melalui ponsel"),
    Category.LITERACY: ("Literasi dan pendampingan", "Pelatihan, sosialisasi dan pendampingan "
                        "bagi ASN, pelaku usaha dan warga"),
}
KPIS = [("Cakupan layanan yang berjalan", "%", "20", "90"),
        ("Pengguna aktif per bulan", "orang", "1000", "25000"),
        ("Waktu penyelesaian layanan", "hari", "10", "3")]
SOURCES = ["apbd", "apbn", "dak", "kpbu", "csr", "hibah"]


@dataclass
class Grown:
    before: int
    added: int
    kpis: int = 0
    financing: int = 0
    records: int = 0

    @property
    def total(self):
        return self.before + self.added


def _program(masterplan, number, element, position, opds):
    horizon, years = HORIZONS[number % len(HORIZONS)]
    category = CATEGORIES[number // len(HORIZONS) % len(CATEGORIES)]
    # Short programs start in different years; longer ones as late as the masterplan allows.
    start = masterplan.start_year + number % (masterplan.period_years - years + 1)
    end = start + years - 1
    theme, description = THEMES[category]
    lead, supporting = opds[number % len(opds)], opds[(number + 1) % len(opds)]
    program = Program.objects.create(
        masterplan=masterplan, name=f"{theme} {element.title} {number + 1:03d}",
        description=f"{description}, untuk elemen {element.title}.", element=element,
        category=category,
        infrastructure_kind=(INFRASTRUCTURE[number % len(INFRASTRUCTURE)]
                             if category == Category.INFRASTRUCTURE else ""),
        horizon=horizon, start_year=start, end_year=end, start_quarter=1, end_quarter=4,
        lead_opd=lead, monitoring_frequency="triwulanan",
        monitoring_responsible=f"Bidang Monev {lead.short_name or lead.name}", position=position)
    program.supporting_opds.set([supporting])
    program_years = list(range(start, end + 1))
    kpis = 0
    for index in range(1 + number % 2):
        name, unit, baseline, final = KPIS[(number + index) % len(KPIS)]
        kpi = ProgramKpi.objects.create(
            program=program, position=index, name=name, unit=unit,
            direction="turun" if Decimal(final) < Decimal(baseline) else "naik",
            baseline_value=Decimal(baseline))
        set_kpi_targets(kpi, yearly_targets(baseline, final, program_years))
        kpis += 1
    sources = [SOURCES[(number + index) % len(SOURCES)] for index in range(1 + number % 3)]
    amounts = {(year, source): Decimal((150 + 50 * (number % 7) + 25 * index) * M)
               for year in program_years for index, source in enumerate(sources)}
    set_financing(program, amounts)
    check_program(program)
    return kpis, len(amounts)


def grow(masterplan, count):
    """Add programs to `masterplan` until it has `count`; a Grown summary."""
    before = Program.objects.filter(masterplan=masterplan).count()
    grown = Grown(before, max(0, count - before))
    if not grown.added:
        return grown
    elements = list(DimensionElement.objects.filter(dimension__edition=masterplan.edition_id)
                    .select_related("dimension").order_by("dimension__number", "letter", "pk"))
    # Round robin over the dimensions, and over each dimension's elements in turn.
    by_dimension = {}
    for element in elements:
        by_dimension.setdefault(element.dimension_id, []).append(element)
    dimensions = list(by_dimension.values())
    positions = dict(Program.objects.filter(masterplan=masterplan).values("element")
                     .annotate(last=Max("position")).values_list("element", "last"))
    records_before = MonitoringRecord.objects.filter(program__masterplan=masterplan).count()
    with content_version.collecting():  # the masterplan's figures change once
        opds = list(_opds(masterplan.region).values())
        for number in range(before, count):
            group = dimensions[number % len(dimensions)]
            element = group[number // len(dimensions) % len(group)]
            position = positions.get(element.pk, -1) + 1
            positions[element.pk] = position
            kpis, financing = _program(masterplan, number, element, position, opds)
            grown.kpis += kpis
            grown.financing += financing
        monitoring.seed(masterplan, None)
    grown.records = (MonitoringRecord.objects.filter(program__masterplan=masterplan).count()
                     - records_before)
    return grown
