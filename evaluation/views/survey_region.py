"""A region's citizen survey in a cycle: the public link, the progress towards the responses
needed and the summary per question (every role of the region reads it); opening or closing the
link, the CSV import and its template (the region's team and admins)."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from masterplan.numbers import format_number

from .. import survey_import, survey_public, survey_questions
from ..models import ResponseSource
from ..survey_forms import SCALE, ImportForm, OpenForm
from ..survey_summary import summary
from .base import EvaluationMixin

MANAGE = "evaluation.manage_survey"
MANAGE_DENIED = gettext_lazy("Hanya tim pelaksana wilayah ini dan admin yang mengelola survei warga.")


def survey_url(evaluation):
    return reverse("evaluation_survey", kwargs={"region_code": evaluation.region.code,
                                                "year": evaluation.cycle.year})


class SurveyView(EvaluationMixin, TemplateView):
    template_name = "evaluation/survey/region.html"

    def get_context_data(self, import_form=None, import_errors=None, **kwargs):
        context = super().get_context_data(**kwargs)
        evaluation = self.evaluation
        public_path = reverse("evaluation_survey_public", kwargs={"token": evaluation.survey_token})
        by_source = dict(evaluation.survey_responses.order_by().values_list("source")
                         .annotate(count=Count("pk")))
        survey = summary(evaluation)
        context.update(
            survey=survey,
            public_path=public_path,
            public_url=settings.SITE_URL.rstrip("/") + public_path,
            web_count=by_source.get(ResponseSource.WEB, 0),
            import_count=by_source.get(ResponseSource.IMPORT, 0),
            may_manage=self.request.user.has_perm(MANAGE, evaluation),
            import_form=import_form or ImportForm(),
            import_errors=import_errors,
            scale=SCALE,
            example_header=",".join(survey_import.column_name(row.question.number)
                                    for row in survey.questions[:3]),
        )
        return context


class SurveyOpenView(EvaluationMixin, View):
    """Open or close the public link (`buka`: 1 or 0)."""

    permission = MANAGE
    denied_message = MANAGE_DENIED

    def post(self, request, *args, **kwargs):
        form = OpenForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Pilihan buka atau tutup survei tidak terbaca; coba lagi."))
            return redirect(survey_url(self.evaluation))
        is_open = form.cleaned_data["buka"]
        survey_public.set_open(self.evaluation, is_open)
        messages.success(request, _("Survei warga dibuka: tautan publik menerima tanggapan.")
                         if is_open else
                         _("Survei warga ditutup: tautan publik tidak menerima tanggapan lagi."))
        return redirect(survey_url(self.evaluation))


class SurveyImportView(SurveyView):
    """Responses from a CSV file: all saved, or none with every error named."""

    permission = MANAGE
    denied_message = MANAGE_DENIED
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(import_form=form), status=422)
        try:
            count = survey_import.import_responses(self.evaluation, form.cleaned_data["file"].read())
        except survey_import.SurveyImportError as refused:
            return self.render_to_response(
                self.get_context_data(import_form=form, import_errors=refused), status=422)
        messages.success(request, _("%(count)s tanggapan diimpor.")
                         % {"count": format_number(count)})
        return redirect(f"{survey_url(self.evaluation)}#kemajuan")


class SurveyTemplateView(EvaluationMixin, View):
    """An empty CSV file in the import's format for the cycle's questions."""

    permission = MANAGE
    denied_message = MANAGE_DENIED

    def get(self, request, *args, **kwargs):
        questions = survey_questions.questions_of(self.cycle)
        response = HttpResponse(survey_import.template_csv(questions),
                                content_type="text/csv; charset=utf-8")
        name = f"survei-warga-{self.region.code}-{self.cycle.year}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
