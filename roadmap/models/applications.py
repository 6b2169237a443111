from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from masterplan.models import Masterplan, VersionedModel
from masterplan.querysets import RegionScopedQuerySet
from masterplan.text_limits import limit

from .programs import Opd, Program


class GovernmentFunction(models.TextChoices):
    """The government functions of Tabel II.3 items 14–20, which the guide wants interoperable."""

    PLANNING = "perencanaan", _("Perencanaan pembangunan daerah")
    FINANCE = "keuangan", _("Pengelolaan keuangan daerah")
    VIRTUAL_OFFICE = "kantor_virtual", _("Kantor virtual pemerintah daerah")
    MONITORING = "monev", _("Monitoring dan evaluasi pembangunan daerah")
    PERSONNEL = "kepegawaian", _("Pengelolaan kepegawaian daerah")
    LEGISLATION = "legislasi", _("Pengelolaan legislasi daerah")
    PUBLIC_SERVICE = "pelayanan_publik", _("Pelayanan publik")
    OTHER = "lainnya", _("Lainnya")


class Application(VersionedModel):
    """An e-government application the region runs (Smart e-Gov analysis, Bimtek #3)."""

    REGION_FIELD = "masterplan__region"

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE,
                                   related_name="applications")
    name = models.CharField(_("nama aplikasi"), max_length=200)
    owner_opd = models.ForeignKey(Opd, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("OPD pemilik"))
    function = models.CharField(_("fungsi pemerintahan"), max_length=20,
                                choices=GovernmentFunction.choices)
    users = models.CharField(_("pengguna"), max_length=200, blank=True)
    is_interoperable = models.BooleanField(_("interoperabel"), default=False)
    exchanges_with = models.ManyToManyField("self", blank=True, symmetrical=True,
                                            verbose_name=_("bertukar data dengan"))
    works = models.TextField(_("Yang berjalan baik"), blank=True,
                             max_length=limit("roadmap.Application.works"))
    not_works = models.TextField(_("Yang tidak berjalan"), blank=True,
                                 max_length=limit("roadmap.Application.not_works"))
    improve = models.TextField(_("Yang perlu diperbaiki"), blank=True,
                               max_length=limit("roadmap.Application.improve"))
    integration_programs = models.ManyToManyField(Program, blank=True,
                                                  related_name="integrated_applications",
                                                  verbose_name=_("program integrasi"))

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[integration_programs])

    class Meta:
        ordering = ["masterplan", "function", "name"]
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "name"], name="application_name_unique"),
        ]
        verbose_name = _("aplikasi e-Gov")
        verbose_name_plural = _("aplikasi e-Gov")

    def __str__(self):
        return self.name
