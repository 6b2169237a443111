from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from masterplan.file_storage import uploads_storage
from masterplan.models import Masterplan, VersionedModel
from masterplan.querysets import RegionScopedQuerySet
from masterplan.text_limits import limit

from .programs import Opd


class InstitutionKind(models.TextChoices):
    COUNCIL = "dewan", _("Dewan Smart City Daerah")
    TEAM = "tim", _("Tim Pelaksana Smart City Daerah")
    FORUM = "forum", _("Forum pendukung smart city")


class SelectionProcess(models.TextChoices):
    OPEN = "terbuka", _("Seleksi terbuka")
    DIRECT = "langsung", _("Penunjukan langsung")


class Institution(VersionedModel):
    """The Dewan (one), the Tim Pelaksana (one) and any number of supporting forums."""

    REGION_FIELD = "masterplan__region"
    VALID_YEARS = {"dewan": 5, "tim": 1}

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE,
                                   related_name="institutions")
    kind = models.CharField(_("jenis"), max_length=8, choices=InstitutionKind.choices)
    name = models.CharField(_("nama"), max_length=200, blank=True)
    decree_number = models.CharField(_("nomor keputusan"), max_length=120, blank=True)
    decree_date = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    selection_process = models.CharField(_("proses pemilihan anggota"), max_length=10, blank=True,
                                         choices=SelectionProcess.choices)
    managing_opd = models.ForeignKey(Opd, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("OPD pengelola"))
    contact = models.TextField(_("kontak"), blank=True,
                               max_length=limit("roadmap.Institution.contact"))

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["masterplan", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "kind"], condition=~Q(kind="forum"),
                                    name="one_council_and_team_per_masterplan"),
        ]
        verbose_name = _("lembaga")
        verbose_name_plural = _("lembaga")

    def __str__(self):
        return self.name or self.get_kind_display()


class MemberUnsur(models.TextChoices):
    GOVERNMENT = "pemerintah_daerah", _("Pemerintah daerah")
    ACADEMIA = "akademisi", _("Akademisi/pakar")
    INDUSTRY = "industri", _("Industri")
    COMMUNITY = "masyarakat", _("Masyarakat")


class MemberRole(models.TextChoices):
    CHAIR = "ketua", _("Ketua")
    SECRETARY = "sekretaris", _("Sekretaris")
    MEMBER = "anggota", _("Anggota")


class InstitutionMember(models.Model):
    REGION_FIELD = "institution__masterplan__region"

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="members",
                                    verbose_name=_("lembaga"))
    name = models.CharField(_("nama"), max_length=200)
    role = models.CharField(_("peran"), max_length=12, choices=MemberRole.choices,
                            default=MemberRole.MEMBER)
    unsur = models.CharField(_("unsur"), max_length=20, blank=True, choices=MemberUnsur.choices)
    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                            verbose_name=_("OPD"))
    position_title = models.CharField(_("jabatan"), max_length=200, blank=True)
    eselon = models.CharField(_("eselon"), max_length=10, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["institution", "position", "pk"]
        verbose_name = _("anggota lembaga")
        verbose_name_plural = _("anggota lembaga")

    def __str__(self):
        return self.name


class RegulationStatus(models.TextChoices):
    NONE = "belum_ada", _("Belum ada")
    DRAFT = "draf", _("Draf")
    IN_DPRD = "dibahas_dprd", _("Dibahas DPRD")
    ENACTED = "ditetapkan", _("Ditetapkan")


def regulation_upload_path(instance, filename):
    return f"regulasi/{instance.masterplan.region.code}/{instance.masterplan_id}/{filename}"


class Regulation(VersionedModel):
    """One of the guide's regulations (or another the region adds) and where it stands."""

    REGION_FIELD = "masterplan__region"

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE,
                                   related_name="regulations")
    code = models.CharField(_("kode"), max_length=32, blank=True)  # the guide's item, blank for others
    title = models.CharField(_("regulasi"), max_length=300)
    status = models.CharField(_("status"), max_length=14, choices=RegulationStatus.choices,
                              default=RegulationStatus.NONE)
    number = models.CharField(_("nomor"), max_length=120, blank=True)
    date = models.DateField(_("tanggal"), null=True, blank=True)
    document = models.FileField(_("dokumen (PDF)"), upload_to=regulation_upload_path, blank=True,
                                storage=uploads_storage,
                                max_length=250, validators=[FileExtensionValidator(["pdf"])])
    position = models.PositiveSmallIntegerField(default=0)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["masterplan", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "code"], condition=~Q(code=""),
                                    name="regulation_guide_item_unique"),
        ]
        verbose_name = _("regulasi")
        verbose_name_plural = _("regulasi")

    def __str__(self):
        return self.title
