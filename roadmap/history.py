"""Roadmap content tracked for the 'changes since the last Bimtek' page."""

from django.utils.translation import gettext_lazy as _

from masterplan.changes import track

from .models import (
    Application,
    Financing,
    Institution,
    InstitutionMember,
    KpiActual,
    KpiTarget,
    MonitoringRecord,
    Partner,
    Program,
    ProgramKpi,
    QuickWin,
    Regulation,
)

PROGRAMS = _("Program dan peta jalan")
track(Program, PROGRAMS, "masterplan", 60)
track(Partner, PROGRAMS, "program__masterplan", 61)
track(ProgramKpi, PROGRAMS, "program__masterplan", 62)
track(KpiTarget, PROGRAMS, "kpi__program__masterplan", 63)
track(Financing, PROGRAMS, "program__masterplan", 64)
track(QuickWin, PROGRAMS, "program__masterplan", 65)
track(MonitoringRecord, _("Monitoring dan evaluasi"), "program__masterplan", 70)
track(KpiActual, _("Monitoring dan evaluasi"), "record__program__masterplan", 71)
track(Institution, _("Kelembagaan"), "masterplan", 75)
track(InstitutionMember, _("Kelembagaan"), "institution__masterplan", 76)
track(Regulation, _("Regulasi"), "masterplan", 80)
track(Application, _("Aplikasi e-Gov"), "masterplan", 85)
