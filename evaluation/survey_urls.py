"""The citizen survey's pages: the public questionnaire by its link and the admins' questionnaire
of a cycle (`urlpatterns`, at the site's root), and the region's survey page with its link,
progress, summary and CSV import (`region_urlpatterns`, under
wilayah/<region_code>/evaluasi/<year>/)."""

from django.urls import path

from .views import public_survey, survey_admin, survey_region

urlpatterns = [
    path("survei/<slug:token>/", public_survey.PublicSurveyView.as_view(),
         name="evaluation_survey_public"),
    path("kelola/evaluasi/<int:year>/kuesioner/", survey_admin.QuestionsView.as_view(),
         name="evaluation_survey_questions"),
    path("kelola/evaluasi/<int:year>/kuesioner/standar/",
         survey_admin.StandardQuestionsView.as_view(), name="evaluation_survey_standard"),
    path("kelola/evaluasi/<int:year>/kuesioner/<int:question_pk>/",
         survey_admin.QuestionEditView.as_view(), name="evaluation_survey_question_edit"),
    path("kelola/evaluasi/<int:year>/kuesioner/<int:question_pk>/hapus/",
         survey_admin.QuestionDeleteView.as_view(), name="evaluation_survey_question_delete"),
    path("kelola/evaluasi/<int:year>/kuesioner/<int:question_pk>/pindah/",
         survey_admin.QuestionMoveView.as_view(), name="evaluation_survey_question_move"),
]

region_urlpatterns = [
    path("survei/", survey_region.SurveyView.as_view(), name="evaluation_survey"),
    path("survei/status/", survey_region.SurveyOpenView.as_view(), name="evaluation_survey_open"),
    path("survei/impor/", survey_region.SurveyImportView.as_view(),
         name="evaluation_survey_import"),
    path("survei/templat.csv", survey_region.SurveyTemplateView.as_view(),
         name="evaluation_survey_template"),
]
