"""The citizen survey's URLs: the public questionnaire by its link (everyone, signed in or not:
the link is the key, so who opens it does not matter and another region's link opens as well
as the own one); the admins' questionnaire of a cycle; a region's survey page, read by every
role of the region, its link opened or closed, responses imported and the CSV template
downloaded by the region's team and admins."""

from ..access_expectations import (
    EVERY_ROLE,
    OK,
    ROLES,
    TEAM,
    Case,
    Expect,
    admin_page,
    region_page,
)
from .kwargs import cycle, evaluation_of, region_year_kwargs, year_kwargs


def question(world):
    from evaluation import survey_questions

    found = cycle(world).questions.first()
    return found or survey_questions.add_question(cycle(world), "Layanan publik makin mudah.")


def question_kwargs(world, region):
    return {"year": cycle(world).year, "question_pk": question(world).pk}


def token_kwargs(world, region):
    question(world)  # so the page shows its form
    return {"token": evaluation_of(world, region).survey_token}


def everyone():
    every = {role: OK for role in ROLES}
    return Expect(every, dict(every))


CASES = {
    "evaluation_survey_public": Case(token_kwargs, get=everyone(), post=everyone()),
    "evaluation_survey_questions": Case(year_kwargs, get=admin_page(), post=admin_page()),
    "evaluation_survey_standard": Case(year_kwargs, post=admin_page()),
    "evaluation_survey_question_edit": Case(question_kwargs, get=admin_page(), post=admin_page()),
    "evaluation_survey_question_delete": Case(question_kwargs, post=admin_page()),
    "evaluation_survey_question_move": Case(question_kwargs, post=admin_page(),
                                            post_data={"arah": "turun"}),
    "evaluation_survey": Case(region_year_kwargs, get=region_page(EVERY_ROLE)),
    "evaluation_survey_open": Case(region_year_kwargs, post=region_page(TEAM),
                                   post_data={"buka": "0"}),
    "evaluation_survey_import": Case(region_year_kwargs, post=region_page(TEAM)),
    "evaluation_survey_template": Case(region_year_kwargs, get=region_page(TEAM)),
}
