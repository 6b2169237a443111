"""Vision and mission (Analisis Visi Smart City Daerah): the vision statement with its
explanation and the references it must align with, the ordered missions, and the guide's two
checklists (criteria of a vision statement; the seven qualities of a good vision).

Rules:
* the statement, explanation and references are one versioned form;
* a mission must have text (an empty one is refused, not saved blank); missions are ordered
  (masterplan.ordering);
* a checklist row ticked as met needs a short justification (why the vision meets it); an
  unticked row may carry one too, explaining why it is not (yet) met. The grid is saved all or
  nothing (masterplan.editing.save_versioned_rows);
* completeness (the dashboard's "Visi dan misi", 8 items): statement; explanation; at least one
  mission; four reference groups, each with all its texts filled (RPJPD vision and mission, RPJMD
  vision and mission, the national vision, community expectations and external factors); and
  the checklists, done when every row is ticked or justified.
"""

from collections import defaultdict

from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan import ordering
from masterplan.editing import VersionedFormMixin, save_versioned, save_versioned_rows
from masterplan.guide import guide

from . import services
from .models import Mission, Vision, VisionCheck, VisionCheckKind

REFERENCE_GROUPS = [
    (gettext_lazy("Visi dan misi RPJPD"), ("rpjpd_vision", "rpjpd_mission")),
    (gettext_lazy("Visi dan misi RPJMD"), ("rpjmd_vision", "rpjmd_mission")),
    (gettext_lazy("Visi dan misi pembangunan nasional"), ("national_vision",)),
    (gettext_lazy("Harapan warga dan faktor eksternal"),
     ("community_expectations", "external_factors")),
]


class VisionForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Vision
        fields = list(Vision.TEXT_FIELDS)
        widgets = {name: forms.Textarea(attrs={"rows": 2 if name == "statement" else 4})
                   for name in Vision.TEXT_FIELDS}


class MissionForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Mission
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        labels = {"text": gettext_lazy("Misi")}
        error_messages = {"text": {"required": gettext_lazy(
            "Tuliskan misinya; misi kosong tidak disimpan.")}}


class VisionCheckForm(VersionedFormMixin, forms.ModelForm):
    """One row of a checklist grid; prefixed by its id so the whole grid is one form post."""

    class Meta:
        model = VisionCheck
        fields = ["met", "justification"]
        widgets = {"justification": forms.Textarea(attrs={"rows": 1})}

    def __init__(self, *args, title="", description="", **kwargs):
        kwargs.setdefault("prefix", f"c{kwargs['instance'].pk}")
        super().__init__(*args, **kwargs)
        self.title, self.description = title, description

    def rebase_kwargs(self):
        return {"title": self.title, "description": self.description}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("met") and not (cleaned.get("justification") or "").strip():
            self.add_error("justification", _("Beri alasan singkat mengapa butir “%(title)s” "
                                              "terpenuhi.") % {"title": self.title})
        return cleaned


def save_vision(form, user):
    """Save a valid VisionForm; raises VersionConflict if someone else saved it meanwhile."""
    return save_versioned(form, user)


def vision_of(masterplan):
    return Vision.objects.select_related("updated_by").get(masterplan=masterplan)


def missions_of(masterplan):
    return Mission.objects.filter(masterplan=masterplan).order_by("position", "pk")


def check_forms(masterplan, data=None):
    """The two checklists as [(kind label, [VisionCheckForm])], criteria first."""
    catalogue = {kind: {number: (title, description) for number, title, description in items}
                 for kind, items in services.vision_catalogue(masterplan.edition.code).items()}
    grouped = defaultdict(list)
    for check in VisionCheck.objects.filter(masterplan=masterplan).order_by("kind", "number"):
        title, description = catalogue.get(check.kind, {}).get(check.number, (str(check.number), ""))
        grouped[check.kind].append(VisionCheckForm(data, instance=check, title=title,
                                                   description=description))
    return [(VisionCheckKind(kind).label, grouped[kind]) for kind in
            (VisionCheckKind.CRITERION, VisionCheckKind.QUALITY) if grouped[kind]]


def check_done(met, justification):
    return bool(met or (justification or "").strip())


def save_checks(forms_, user):
    """Save a checklist grid all or nothing; raises FormsetConflict (nothing saved) if any row
    was changed by someone else. The caller validates the forms first."""
    return save_versioned_rows(forms_, user)


def guide_text(edition_code):
    return guide(edition_code)["vision"]


# --- missions ----------------------------------------------------------------------------------

def save_mission(form, masterplan, user):
    if form.instance.pk is None:
        form.instance.masterplan = masterplan
        form.instance.position = ordering.next_position(Mission.objects.filter(masterplan=masterplan))
    return save_versioned(form, user)


def delete_mission(mission, seen_version):
    return ordering.delete_versioned(mission, seen_version, str(mission))


def move_mission(mission, direction):
    return ordering.move(Mission.objects.filter(masterplan=mission.masterplan_id), mission, direction)


# --- completeness ------------------------------------------------------------------------------

def completeness_items(values, mission_count, checks_total, checks_done):
    """[(label, done)]: the 8 items of the vision section (see the module docstring)."""
    filled = {name: bool((values.get(name) or "").strip()) for name in Vision.TEXT_FIELDS}
    items = [
        (_("Pernyataan visi"), filled["statement"]),
        (_("Penjelasan visi"), filled["explanation"]),
        (_("Minimal satu misi"), mission_count > 0),
    ]
    items += [(str(label), all(filled[name] for name in names)) for label, names in REFERENCE_GROUPS]
    items.append((_("Daftar periksa visi dicentang atau diberi alasan"),
                  checks_total > 0 and checks_done == checks_total))
    return items


def completeness(masterplans):
    """{masterplan id: [(label, done)]} in three queries however many masterplans."""
    masterplans = list(masterplans)
    values = {row["masterplan_id"]: row for row in
              Vision.objects.filter(masterplan__in=masterplans)
              .values("masterplan_id", *Vision.TEXT_FIELDS)}
    missions = dict(Mission.objects.filter(masterplan__in=masterplans).values("masterplan_id")
                    .annotate(n=Count("id")).values_list("masterplan_id", "n").order_by())
    checks = {row[0]: row[1:] for row in
              VisionCheck.objects.filter(masterplan__in=masterplans).values("masterplan_id")
              .annotate(total=Count("id"), done=Count("id", filter=Q(met=True) | ~Q(justification="")))
              .values_list("masterplan_id", "total", "done").order_by()}
    return {mp.pk: completeness_items(values.get(mp.pk, {}), missions.get(mp.pk, 0),
                                      *checks.get(mp.pk, (0, 0)))
            for mp in masterplans}
