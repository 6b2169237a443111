"""The citizen survey's public page (/survei/<token>/): no login, the region's questionnaire with
its challenge, one response per browser (evaluation/survey_public.py).

Unlike a page of the portal it carries a form (a CSRF token, the device cookie), so it is never
cached (`never_cache`) and asks search engines not to index it (`X-Robots-Tag`)."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import View

from .. import survey_public
from ..survey_forms import CHALLENGE_ANSWER, SurveyForm

THANKS, ALREADY, CLOSED, NOT_READY, FORM = "terima_kasih", "sudah", "ditutup", "belum_siap", "form"


@method_decorator(never_cache, name="dispatch")
class PublicSurveyView(View):
    template_name = "evaluation/survey/public.html"
    http_method_names = ["get", "post", "head"]

    def dispatch(self, request, *args, **kwargs):
        self.evaluation = survey_public.evaluation_of_token(kwargs["token"])
        if self.evaluation is None:
            raise Http404(_("Survei tidak ditemukan. Periksa kembali tautan yang Anda terima."))
        self.device = survey_public.device_of(request)
        self.new_device = self.device is None
        if self.new_device:
            self.device = survey_public.new_device()
        self.questions = list(self.evaluation.cycle.questions.order_by("position", "pk"))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        state = self.state()
        if state == FORM:
            return self.page(FORM, form=self.form())
        if state == ALREADY and "terkirim" in request.GET:
            state = THANKS
        return self.page(state)

    def post(self, request, *args, **kwargs):
        state = self.state()
        if state != FORM:
            return self.page(state, status=409 if state == ALREADY else 403)
        form = self.form(request.POST)
        if not form.is_valid():
            return self.page(FORM, form=form, status=422)
        try:
            survey_public.submit(self.evaluation, form.answers(), self.device)
        except survey_public.SurveyClosed:
            return self.page(CLOSED, status=403)
        except survey_public.AlreadyAnswered:
            return self.page(ALREADY, status=409)
        return redirect(f"{request.path}?terkirim=1")

    def state(self):
        if not self.evaluation.survey_open:
            return CLOSED
        if not self.questions:
            return NOT_READY
        if not self.new_device and survey_public.has_answered(self.evaluation, self.device):
            return ALREADY
        return FORM

    def form(self, data=None):
        return SurveyForm(data, evaluation=self.evaluation, device=self.device,
                          questions=self.questions, device_known=not self.new_device)

    def page(self, state, form=None, status=200):
        evaluation = self.evaluation
        region = evaluation.region
        title = _("Survei warga smart city %(region)s %(year)s") % {
            "region": region.display_name, "year": evaluation.cycle.year}
        context = {
            "state": state, "evaluation": evaluation, "region": region,
            "cycle": evaluation.cycle, "form": form,
            "page_title": title, "og_type": "website",
            "canonical_url": settings.SITE_URL.rstrip("/") + self.request.path,
            "description": _("Survei kepuasan warga atas pelaksanaan smart city %(region)s: "
                             "jawaban tanpa nama, satu kali per perangkat.")
            % {"region": region.display_name},
        }
        if form is not None:
            context["challenge"] = form.next_challenge() if form.is_bound else \
                survey_public.issue_challenge(evaluation, self.device)
            context["answer_error"] = form.errors.get(CHALLENGE_ANSWER)
        response = TemplateResponse(self.request, self.template_name, context, status=status)
        response["X-Robots-Tag"] = "noindex, nofollow"
        if self.new_device:
            survey_public.remember_device(response, self.device, self.request.is_secure())
        return response
