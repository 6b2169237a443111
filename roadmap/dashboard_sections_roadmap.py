"""The roadmap and monitoring & evaluation sections on the dashboards.

* "Peta jalan": complete programs (KPI with a final-year target, pelaksana, financing; the rules
  of roadmap.programs) out of all programs.
* "Monitoring dan evaluasi": programs with a record for the latest finished quarter out of the
  programs due then (running in that quarter, and it is a reporting period of their schedule).

Each costs a fixed number of queries however many masterplans the dashboard lists."""

from django.utils.translation import gettext_lazy as _

from masterplan.sections import Progress, Section, register

from . import monitoring, programs


def roadmap_completion(masterplans):
    return {pk: Progress(complete, total)
            for pk, (complete, total, *_rest) in programs.summary(masterplans).items()}


def monitoring_completion(masterplans):
    return {pk: Progress(done, due)
            for pk, (done, due) in monitoring.monitoring_progress(masterplans).items()}


def register_sections():
    """Called by RoadmapConfig.ready(); registering again replaces the same sections."""
    register(Section(key="roadmap", title=_("Peta jalan"), order=65, url_name="roadmap",
                     completion=roadmap_completion, short=_("Peta jalan")))
    register(Section(key="monitoring", title=_("Monitoring dan evaluasi"), order=80,
                     url_name="monitoring_worksheet", completion=monitoring_completion,
                     short=_("Monev")))
