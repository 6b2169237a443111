"""The rules of a program, shared by the program form, the editor's services and the workbook's
Program sheet: its years inside the period, the infrastructure kind, the OPDs, the horizon (a
warning only); see roadmap/programs.py for the whole list."""



from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from masterplan.guide import guide

from .models import Category, Horizon, QuickWin

QUARTERS = [(1, "I"), (2, "II"), (3, "III"), (4, "IV")]
HORIZON_GUIDE_CODES = {Horizon.SHORT: "short", Horizon.MEDIUM: "medium", Horizon.LONG: "long"}
QUICK_WIN_FIELDS = (*QuickWin.QUESTIONS, "impact_analysis")


def period_text(masterplan):
    return f"{masterplan.start_year}–{masterplan.end_year}"


def program_years_text(start, end):
    return str(start) if start == end else f"{start}–{end}"


def timeline_text(program):
    """"Triwulan I 2026 – triwulan IV 2027"."""
    roman = dict(QUARTERS)
    return _("Triwulan %(start_quarter)s %(start)s – triwulan %(end_quarter)s %(end)s") % {
        "start_quarter": roman.get(program.start_quarter, program.start_quarter),
        "start": program.start_year, "end": program.end_year,
        "end_quarter": roman.get(program.end_quarter, program.end_quarter)}


# --- the rules, shared by the forms and the services ------------------------------------------

def year_errors(masterplan, start, end, start_quarter=None, end_quarter=None):
    """{field: message} for program years outside the period or out of order."""
    errors = {}
    period = masterplan.years
    names = {"start": start, "end": end, "period": period_text(masterplan)}
    if start is not None and start not in period:
        errors["start_year"] = _("Tahun mulai %(start)s di luar periode masterplan %(period)s.") % names
    if end is not None and end not in period:
        errors["end_year"] = _("Tahun selesai %(end)s di luar periode masterplan %(period)s.") % names
    if start is not None and end is not None and "end_year" not in errors and end < start:
        errors["end_year"] = _("Tahun selesai (%(end)s) tidak boleh sebelum tahun mulai "
                               "(%(start)s).") % names
    if (start is not None and start == end and start_quarter and end_quarter
            and end_quarter < start_quarter):
        errors["end_quarter"] = _("Triwulan selesai tidak boleh sebelum triwulan mulai pada tahun "
                                  "yang sama.")
    return errors


def infrastructure_error(category, kind):
    if category == Category.INFRASTRUCTURE and not kind:
        return _("Pilih jenis infrastruktur untuk program infrastruktur pendukung.")
    if category and category != Category.INFRASTRUCTURE and kind:
        return _("Jenis infrastruktur hanya diisi untuk kategori Infrastruktur pendukung; "
                 "kosongkan pilihannya.")
    return None


def lead_also_supporting_error(lead, supporting):
    if lead is not None and lead in supporting:
        return _("%(opd)s sudah menjadi OPD pelaksana utama; jangan pilih lagi sebagai OPD "
                 "pendukung.") % {"opd": lead}
    return None


def outside_program(year, start, end):
    return start is not None and end is not None and not start <= year <= end


def program_problems(program):
    """Every rule a saved program (with its links) breaks, as messages."""
    masterplan = program.masterplan
    region_name = masterplan.region.display_name
    problems = list(year_errors(masterplan, program.start_year, program.end_year,
                                program.start_quarter, program.end_quarter).values())
    infrastructure = infrastructure_error(program.category, program.infrastructure_kind)
    if infrastructure:
        problems.append(infrastructure)
    if program.element.dimension.edition_id != masterplan.edition_id:
        problems.append(_("Elemen dimensi “%(element)s” bukan dari panduan masterplan ini.")
                        % {"element": program.element.title})
    if program.readiness_element_id and program.readiness_element.edition_id != masterplan.edition_id:
        problems.append(_("Elemen kesiapan “%(element)s” bukan dari panduan masterplan ini.")
                        % {"element": program.readiness_element})
    if program.lead_opd_id and program.lead_opd.region_id != masterplan.region_id:
        problems.append(_("OPD pelaksana utama “%(opd)s” bukan OPD %(region)s.")
                        % {"opd": program.lead_opd.name, "region": region_name})
    if program.pk is None:
        return problems
    for opd in program.supporting_opds.exclude(region=masterplan.region_id):
        problems.append(_("OPD pendukung “%(opd)s” bukan OPD %(region)s.")
                        % {"opd": opd.name, "region": region_name})
    supporting = list(program.supporting_opds.all())
    lead_error = lead_also_supporting_error(program.lead_opd, supporting)
    if lead_error:
        problems.append(lead_error)
    for sasaran in program.sasaran.exclude(masterplan=masterplan):
        problems.append(_("Sasaran “%(sasaran)s” bukan milik masterplan ini.") % {"sasaran": sasaran})
    for strategy in program.strategies.exclude(worksheet__masterplan=masterplan):
        problems.append(_("Strategi “%(strategy)s” bukan milik kertas kerja SWOT masterplan ini.")
                        % {"strategy": strategy})
    for row in program.gap_rows.exclude(masterplan=masterplan):
        problems.append(_("Baris analisis kesenjangan “%(row)s” bukan milik masterplan ini.")
                        % {"row": row})
    return problems


def check_program(program):
    """ValidationError listing every rule the saved program breaks (see program_problems)."""
    problems = program_problems(program)
    if problems:
        raise ValidationError(problems)


def horizon_years(masterplan):
    """{horizon value: years} from the guide's roadmap horizons (1, 5, 10 for the 2017 guide)."""
    by_code = {item["code"]: item["years"]
               for item in guide(masterplan.edition.code)["roadmap"]["horizons"]}
    return {horizon: by_code[code] for horizon, code in HORIZON_GUIDE_CODES.items()}


def horizon_warnings(program, masterplan=None):
    """Messages (never errors) where the horizon does not fit the program's years or the
    masterplan's period; see the module docstring."""
    masterplan = masterplan or program.masterplan
    if not program.horizon or program.start_year is None or program.end_year is None:
        return []
    years = horizon_years(masterplan)[program.horizon]
    label = Horizon(program.horizon).label
    window_end = masterplan.start_year + years - 1
    names = {"horizon": label, "years": years, "window_end": window_end,
             "end": program.end_year, "period": period_text(masterplan),
             "period_years": masterplan.period_years}
    result = []
    if years > masterplan.period_years:
        result.append(_("Periode masterplan %(period)s hanya %(period_years)s tahun, lebih pendek "
                        "dari %(horizon)s.") % names)
    elif program.end_year > window_end:
        result.append(_("Program %(horizon)s semestinya selesai paling lambat %(window_end)s; "
                        "program ini berakhir %(end)s. Periksa jangkanya.") % names)
    return result
