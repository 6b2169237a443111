"""Core data: guide editions, regions, batches, accounts, memberships and masterplans.

Models stay slim: behaviour lives in services.py, access decisions in access.py.
"""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules import has_perm as rules_has_perm
from rules import perm_exists as rules_perm_exists
from simple_history.models import HistoricalRecords

from .file_storage import uploads_storage
from .querysets import RegionScopedQuerySet
from .reference import display_region_name
from .text_limits import limit


class VersionedModel(models.Model):
    """An object edited through forms: `version` guards against lost updates (see editing.py)."""

    version = models.PositiveIntegerField(_("versi"), default=1, editable=False)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diubah oleh"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )

    class Meta:
        abstract = True


class GuideEdition(models.Model):
    """An edition of Kominfo's guide; a masterplan keeps the edition (and catalogue) it started on."""

    code = models.CharField(_("kode"), max_length=16, unique=True)
    title = models.CharField(_("judul"), max_length=200)
    year = models.PositiveSmallIntegerField(_("tahun"))

    class Meta:
        ordering = ["year"]
        verbose_name = _("edisi panduan")
        verbose_name_plural = _("edisi panduan")

    def __str__(self):
        return self.title


class Batch(VersionedModel):
    """A cohort of the Gerakan Menuju 100 Smart City."""

    year = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(2017), MaxValueValidator(2100)])
    name = models.CharField(_("nama"), max_length=120)

    class Meta:
        ordering = ["year", "name"]
        constraints = [models.UniqueConstraint(fields=["year", "name"], name="batch_year_name_unique")]
        verbose_name = _("angkatan")
        verbose_name_plural = _("angkatan")

    def __str__(self):
        return self.name


class RegionKind(models.TextChoices):
    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")


class Region(VersionedModel):
    """A province, kabupaten or kota, identified by its Kemendagri code (e.g. 32.73)."""

    REGION_FIELD = "pk"

    code = models.CharField(_("kode Kemendagri"), max_length=8, unique=True)
    name = models.CharField(_("nama resmi"), max_length=120)
    kind = models.CharField(_("jenis"), max_length=12, choices=RegionKind.choices)
    province = models.ForeignKey(
        "self", verbose_name=_("provinsi"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="regencies",
        limit_choices_to={"kind": RegionKind.PROVINSI},
    )
    batch = models.ForeignKey(
        Batch, verbose_name=_("angkatan"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="regions",
    )

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return display_region_name(self.name, self.kind)


class User(AbstractUser):
    """An account. Kominfo admins see every region; everyone else acts through memberships."""

    full_name = models.CharField(_("nama lengkap"), max_length=150, blank=True)
    is_kominfo_admin = models.BooleanField(
        _("admin Kominfo"), default=False,
        help_text=_("Dapat melihat semua wilayah dan mengelola wilayah, angkatan, serta akun."),
    )
    version = models.PositiveIntegerField(_("versi"), default=1, editable=False)

    class Meta:
        verbose_name = _("akun")
        verbose_name_plural = _("akun")

    def __str__(self):
        return self.full_name or self.username

    @property
    def is_admin(self):
        return self.is_active and (self.is_kominfo_admin or self.is_superuser)

    def has_perm(self, perm, obj=None):
        """The region policy's permissions (the apps' rules.py) are answered by the policy for
        every account: a superuser is a Kominfo admin there, who leaves a region's content to
        its team, not an account that may do everything."""
        if rules_perm_exists(perm):
            return rules_has_perm(perm, self, obj)
        return super().has_perm(perm, obj)


class Role(models.TextChoices):
    KETUA = "ketua", _("Ketua Tim Pelaksana")
    ANGGOTA = "anggota", _("Anggota Tim")
    DEWAN = "dewan", _("Dewan Smart City (baca saja)")
    PEMBIMBING = "pembimbing", _("Tim Pembimbing")


class Membership(models.Model):
    """A user's role in one region: regional team, Dewan viewer, or assigned pembimbing."""

    REGION_FIELD = "region"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships", verbose_name=_("akun"))
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="memberships",
                               verbose_name=_("wilayah"))
    role = models.CharField(_("peran"), max_length=12, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["region__code", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "region"], name="membership_user_region_unique"),
        ]
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} {self.region}"


class MasterplanStatus(models.TextChoices):
    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan")
    PERLU_REVISI = "perlu_revisi", _("Perlu revisi")
    DISETUJUI = "disetujui", _("Disetujui")
    FINAL = "final", _("Final")
    DITETAPKAN = "ditetapkan", _("Ditetapkan")


# Content can be changed only while the team is writing or revising it.
EDITABLE_STATUSES = {MasterplanStatus.DRAF, MasterplanStatus.PERLU_REVISI}


class Masterplan(VersionedModel):
    """One region's Smart City masterplan over a period (10 years by default)."""

    REGION_FIELD = "region"

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="masterplans",
                               verbose_name=_("wilayah"))
    edition = models.ForeignKey(GuideEdition, on_delete=models.PROTECT, related_name="masterplans",
                                verbose_name=_("edisi panduan"))
    title = models.CharField(_("judul"), max_length=200)
    start_year = models.PositiveSmallIntegerField(
        _("tahun mulai"), validators=[MinValueValidator(2017), MaxValueValidator(2100)])
    period_years = models.PositiveSmallIntegerField(
        _("masa berlaku (tahun)"), default=10,
        validators=[MinValueValidator(1), MaxValueValidator(25)])
    status = models.CharField(_("status"), max_length=16, choices=MasterplanStatus.choices,
                              default=MasterplanStatus.DRAF)
    is_current = models.BooleanField(_("masterplan aktif"), default=False)
    # The Bimtek the latest submission was made for, and the legalisation once ditetapkan.
    bimtek_number = models.PositiveSmallIntegerField(_("diajukan untuk Bimtek"), null=True,
                                                     blank=True)
    legal_kind = models.CharField(_("jenis penetapan"), max_length=10, blank=True,
                                  choices=[("perda", _("Peraturan Daerah")),
                                           ("perkada", _("Peraturan Kepala Daerah"))])
    legal_number = models.CharField(_("nomor penetapan"), max_length=120, blank=True)
    legal_date = models.DateField(_("tanggal penetapan"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    # Bumped by masterplan/content_version.py whenever what its figures are computed from
    # changes; the key of its cached and stored figures (masterplan/figures.py).
    content_version = models.PositiveBigIntegerField(default=0, editable=False)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["is_current", "content_version"])

    class Meta:
        ordering = ["region__code", "-start_year", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["region"], condition=Q(is_current=True),
                                    name="masterplan_one_current_per_region"),
        ]
        verbose_name = _("masterplan")
        verbose_name_plural = _("masterplan")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Saving an instance loaded earlier must not bring back the content version it was
        # loaded with: only content_version.py writes it, by UPDATE.
        if self.pk is not None and not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [f.name for f in self._meta.concrete_fields
                                       if not f.primary_key and f.name != "content_version"]
        super().save(*args, **kwargs)

    @property
    def end_year(self):
        return self.start_year + self.period_years - 1

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    @property
    def years(self):
        return range(self.start_year, self.end_year + 1)


class Dimension(models.Model):
    """One of the six smart-city dimensions of a guide edition (Smart Governance, ...)."""

    edition = models.ForeignKey(GuideEdition, on_delete=models.CASCADE, related_name="dimensions")
    code = models.CharField(max_length=32)
    number = models.PositiveSmallIntegerField(_("nomor"))
    title = models.CharField(_("dimensi"), max_length=80)

    class Meta:
        ordering = ["edition", "number"]
        constraints = [models.UniqueConstraint(fields=["edition", "code"], name="dimension_code_unique")]
        verbose_name = _("dimensi smart city")
        verbose_name_plural = _("dimensi smart city")

    def __str__(self):
        return self.title


class DimensionElement(models.Model):
    """One of the three elements of a dimension (e.g. Smart Governance a. Pelayanan Publik)."""

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="elements")
    code = models.CharField(max_length=32)
    letter = models.CharField(max_length=2)
    title = models.CharField(_("elemen"), max_length=120)

    class Meta:
        ordering = ["dimension__edition", "dimension__number", "letter"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "code"], name="dimension_element_code_unique"),
        ]
        verbose_name = _("elemen dimensi")
        verbose_name_plural = _("elemen dimensi")

    def __str__(self):
        return f"{self.dimension.title}: {self.title}"


def _workbook_upload_path(instance, filename):
    return f"workbook-imports/{instance.masterplan.region.code}/{uuid.uuid4().hex}.xlsx"


class WorkbookImport(models.Model):
    """An uploaded masterplan workbook awaiting confirmation (masterplan/workbook/importer.py).

    The file stays in the private uploads storage, never served; `changes_hash` is the digest
    of the changes last previewed, so a confirmation applies exactly what the person saw."""

    REGION_FIELD = "masterplan__region"

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu konfirmasi")
        APPLIED = "applied", _("Diterapkan")
        CANCELLED = "cancelled", _("Dibatalkan")

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE,
                                   related_name="workbook_imports", verbose_name=_("masterplan"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("diunggah oleh"))
    file = models.FileField(_("berkas"), upload_to=_workbook_upload_path, max_length=200,
                            storage=uploads_storage)
    original_name = models.CharField(_("nama berkas"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("diunggah pada"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.PENDING)
    changes_hash = models.CharField(_("sidik perubahan"), max_length=64)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("impor buku kerja")
        verbose_name_plural = _("impor buku kerja")

    def __str__(self):
        return f"{self.original_name or self.file.name} ({self.get_status_display()})"


class StatusChange(models.Model):
    """One transition of a masterplan's status: who, when, why."""

    REGION_FIELD = "masterplan__region"

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE,
                                   related_name="status_changes")
    transition = models.CharField(_("tindakan"), max_length=20)
    from_status = models.CharField(_("dari status"), max_length=16, choices=MasterplanStatus.choices)
    to_status = models.CharField(_("ke status"), max_length=16, choices=MasterplanStatus.choices)
    bimtek_number = models.PositiveSmallIntegerField(_("Bimtek"), null=True, blank=True)
    comment = models.TextField(_("catatan"), blank=True,
                               max_length=limit("masterplan.StatusChange.comment"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("oleh"))
    changed_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["masterplan", "-changed_at", "-pk"]
        verbose_name = _("riwayat status")
        verbose_name_plural = _("riwayat status")

    def __str__(self):
        return f"{self.masterplan}: {self.from_status} → {self.to_status}"


from .models_render import (  # noqa: E402,F401  (render job models live in their own module)
    ExportBatch,
    JobStatus,
    RenderJob,
)


class Comment(models.Model):
    """A reviewer's comment on part of a masterplan, or a reply in its thread (comments.py).

    The anchor is any registered object (a readiness table, a component, a strategy, ...) named
    by content type and id; `section_key` (its dashboard section) and `anchor_label` are copied
    when the comment is written, so the thread stays readable if the object is later deleted.
    A thread is a root comment and its replies (one level); only the root is resolved."""

    REGION_FIELD = "masterplan__region"

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="comments",
                                   verbose_name=_("masterplan"))
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE,
                                     related_name="+")
    object_id = models.PositiveBigIntegerField()
    section_key = models.CharField(_("bagian"), max_length=40)
    anchor_label = models.CharField(_("yang dikomentari"), max_length=300)
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="replies", verbose_name=_("membalas"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("penulis"))
    # The author's role when writing (pembimbing, admin, ketua, anggota), shown beside the name.
    author_role = models.CharField(_("peran penulis"), max_length=12, blank=True)
    text = models.TextField(_("komentar"), max_length=limit("masterplan.Comment.text"))
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("diselesaikan pada"), null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("diselesaikan oleh"))

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["masterplan", "content_type", "object_id"],
                         name="comment_anchor_idx"),
            models.Index(fields=["masterplan", "parent", "resolved_at"], name="comment_open_idx"),
        ]
        verbose_name = _("komentar")
        verbose_name_plural = _("komentar")

    def __str__(self):
        return f"{self.anchor_label}: {self.text[:60]}"

    @property
    def is_root(self):
        return self.parent_id is None

    @property
    def is_open(self):
        return self.resolved_at is None


class NotificationKind(models.TextChoices):
    COMMENT = "comment", _("Komentar baru")
    REPLY = "reply", _("Balasan")
    STATUS = "status", _("Perubahan status")


class Notification(models.Model):
    """An in-app notification for one account (notifications.py); also sent by email."""

    REGION_FIELD = "masterplan__region"

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications", verbose_name=_("penerima"))
    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="+", verbose_name=_("masterplan"))
    kind = models.CharField(_("jenis"), max_length=12, choices=NotificationKind.choices)
    text = models.CharField(_("pesan"), max_length=400)
    url = models.CharField(_("tautan"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)
    read_at = models.DateTimeField(_("dibaca pada"), null=True, blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")

    def __str__(self):
        return f"{self.recipient}: {self.text[:60]}"
from .models_figures import StoredFigure  # noqa: E402,F401
from .models_stages import StageCheck  # noqa: E402,F401
