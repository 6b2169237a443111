"""Roadmap and monitoring test data, made directly with the ORM (no program services)."""

from decimal import Decimal

from masterplan.models import DimensionElement
from roadmap.models import (
    Financing,
    KpiActual,
    KpiTarget,
    MonitoringRecord,
    Opd,
    Program,
    ProgramKpi,
    ProgramRisk,
)

ELEMENTS = {"governance": "public_service", "branding": "tourism", "economy": "industry",
            "living": "mobility", "society": "security", "environment": "waste"}


def element(masterplan, dimension="governance", code=None):
    return DimensionElement.objects.get(dimension__edition=masterplan.edition_id,
                                        dimension__code=dimension,
                                        code=code or ELEMENTS[dimension])


def opd(region, name="Dinas Komunikasi dan Informatika", short_name="Diskominfo"):
    return Opd.objects.get_or_create(region=region, name=name,
                                     defaults={"short_name": short_name})[0]


def program(masterplan, name="Portal layanan terpadu", dimension="governance", start=(2026, 1),
            end=(2026, 4), **fields):
    values = {"category": "aplikasi", "horizon": "pendek"}
    values.update(fields)
    return Program.objects.create(
        masterplan=masterplan, name=name, element=element(masterplan, dimension),
        start_year=start[0], start_quarter=start[1], end_year=end[0], end_quarter=end[1],
        **values)


def kpi(program, name="Layanan daring", targets=None, direction="naik", unit="%"):
    item = ProgramKpi.objects.create(program=program, name=name, direction=direction, unit=unit,
                                     position=program.kpis.count())
    for year, value in (targets or {}).items():
        KpiTarget.objects.create(kpi=item, year=year, value=Decimal(str(value)))
    return item


def financing(program, year, source, amount):
    return Financing.objects.create(program=program, year=year, source=source,
                                    amount=Decimal(str(amount)))


def complete_program(masterplan, name="Portal layanan terpadu", lead=None, **fields):
    """A program with a lead OPD, a KPI with a target for its end year and financing."""
    item = program(masterplan, name=name, lead_opd=lead or opd(masterplan.region), **fields)
    kpi(item, targets={item.end_year: 80})
    financing(item, item.start_year, "apbd", 1_000_000)
    return item


def record(program, year, quarter, progress=50, actuals=None, **fields):
    item = MonitoringRecord.objects.create(program=program, year=year, quarter=quarter,
                                           progress_percent=progress, **fields)
    for kpi_item, value in (actuals or {}).items():
        KpiActual.objects.create(record=item, kpi=kpi_item, value=Decimal(str(value)))
    return item


def risk(program, text="Keterlambatan pengadaan perangkat", likelihood=2, impact=2, **fields):
    """A risk at the end of the program's register."""
    return ProgramRisk.objects.create(program=program, risk=text, likelihood=likelihood,
                                      impact=impact, position=program.risks.count(), **fields)
