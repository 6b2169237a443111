"""The questionnaire of a cycle's citizen survey (admins): the list with the form to add a
question, a question's edit form, deleting and moving one, and the standard questions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from masterplan.views.base import AdminRequiredMixin

from .. import survey_questions
from ..models import EvaluationCycle, SurveyQuestion
from ..survey_forms import QuestionForm


class CycleQuestionsMixin(AdminRequiredMixin):
    """A page of the questionnaire of the cycle of `year` (404 for an unknown year)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.cycle = get_object_or_404(EvaluationCycle, year=kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def questions_url(self, question=None):
        url = reverse("evaluation_survey_questions", kwargs={"year": self.cycle.year})
        return f"{url}#pertanyaan-{question.pk}" if question else url

    def get_question(self):
        return get_object_or_404(SurveyQuestion, cycle=self.cycle, pk=self.kwargs["question_pk"])


class QuestionsView(CycleQuestionsMixin, TemplateView):
    """The questionnaire, and (POST) a question added at its end."""

    template_name = "evaluation/survey/questions.html"

    def get_context_data(self, form=None, error=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(cycle=self.cycle, questions=survey_questions.questions_of(self.cycle),
                       form=form or QuestionForm(), error=error,
                       standard_count=len(survey_questions.STANDARD_QUESTIONS))
        return context

    def post(self, request, *args, **kwargs):
        form = QuestionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=422)
        question = survey_questions.add_question(self.cycle, form.cleaned_data["text"],
                                                 form.cleaned_data["dimension"])
        messages.success(request, _("Pertanyaan ditambahkan."))
        return redirect(self.questions_url(question))

    def refused(self, error):
        """The questionnaire again with a refused delete, move or standard set, status 422."""
        return self.render_to_response(self.get_context_data(error=" ".join(error.messages)),
                                       status=422)


class QuestionEditView(CycleQuestionsMixin, TemplateView):
    template_name = "evaluation/survey/question_form.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        question = self.get_question()
        context.update(cycle=self.cycle, question=question,
                       answer_count=question.answers.count(),
                       form=form or QuestionForm(instance=question))
        return context

    def post(self, request, *args, **kwargs):
        question = self.get_question()
        form = QuestionForm(request.POST, instance=question)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=422)
        survey_questions.save_question(question, form.cleaned_data["text"],
                                       form.cleaned_data["dimension"])
        messages.success(request, _("Pertanyaan disimpan."))
        return redirect(self.questions_url(question))


class QuestionDeleteView(CycleQuestionsMixin, View):
    def post(self, request, *args, **kwargs):
        question = self.get_question()
        try:
            survey_questions.delete_question(question)
        except ValidationError as error:
            return _questions_page(request, self.cycle).refused(error)
        messages.success(request, _("Pertanyaan “%(text)s” dihapus.") % {"text": question.text})
        return redirect(self.questions_url())


class QuestionMoveView(CycleQuestionsMixin, View):
    def post(self, request, *args, **kwargs):
        question = self.get_question()
        try:
            survey_questions.move_question(question, request.POST.get("arah", ""))
        except ValidationError as error:
            return _questions_page(request, self.cycle).refused(error)
        return redirect(self.questions_url(question))


class StandardQuestionsView(CycleQuestionsMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            created = survey_questions.use_standard_questions(self.cycle)
        except ValidationError as error:
            return _questions_page(request, self.cycle).refused(error)
        messages.success(request, _("%(count)s pertanyaan standar ditambahkan; ubah atau tambah "
                                    "sesuai kebutuhan siklus ini.") % {"count": len(created)})
        return redirect(self.questions_url())


def _questions_page(request, cycle):
    page = QuestionsView()
    page.setup(request, year=cycle.year)
    page.cycle = cycle
    return page

