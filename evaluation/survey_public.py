"""The public side of the citizen survey: who answered (a device, never a person), the challenge
against bots, and saving a response.

- The device: a random id in a signed, long-lived cookie of the survey pages (`/survei/`), set
  when a browser first opens a survey. A response keeps only a keyed hash of it (HMAC-SHA256 with
  the site's secret and the survey's token), so one browser answers each survey once, the stored
  hash leads to no cookie, and two surveys' hashes of the same browser cannot be matched. No IP
  address, browser name or other personal data is stored.
- The challenge: a signed timestamp and sum ("Berapa 4 + 3?"), tied to the survey and the
  device; it is refused when forged, older than CHALLENGE_MAX_AGE, answered wrong, or sent less
  than MIN_FILL_SECONDS after the page was opened. A honeypot field, hidden from people, refuses
  what fills it.
"""

import secrets
import time
from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils.crypto import salted_hmac

from .models import RegionEvaluation, ResponseSource, SurveyAnswer, SurveyResponse

DEVICE_COOKIE = "survei_perangkat"
DEVICE_COOKIE_PATH = "/survei/"
DEVICE_SALT = "evaluation.survey.device"
DEVICE_MAX_AGE = 365 * 24 * 60 * 60
CHALLENGE_SALT = "evaluation.survey.challenge"
CHALLENGE_MAX_AGE = 12 * 60 * 60
MIN_FILL_SECONDS = 3


class SurveyClosed(Exception):
    """The region closed its survey meanwhile."""


class AlreadyAnswered(Exception):
    """This device already answered this survey."""


def evaluation_of_token(token):
    """The region evaluation whose public link carries `token`, or None."""
    return (RegionEvaluation.objects.select_related("cycle", "region")
            .filter(survey_token=token).first())


def device_of(request):
    """The browser's device id from its signed cookie, or None (no cookie, or tampered)."""
    return request.get_signed_cookie(DEVICE_COOKIE, default=None, salt=DEVICE_SALT)


def new_device():
    return secrets.token_urlsafe(24)


def remember_device(response, device, secure):
    response.set_signed_cookie(DEVICE_COOKIE, device, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE,
                               path=DEVICE_COOKIE_PATH, secure=secure, httponly=True,
                               samesite="Lax")


def device_hash(evaluation, device):
    """What a web response stores of its device: 64 hex digits, keyed by the site's secret and
    the survey's token."""
    return salted_hmac(DEVICE_SALT, f"{evaluation.survey_token}:{device}",
                       algorithm="sha256").hexdigest()


def has_answered(evaluation, device):
    return SurveyResponse.objects.filter(evaluation=evaluation,
                                         device_hash=device_hash(evaluation, device)).exists()


@dataclass(frozen=True)
class Challenge:
    """A sum to solve and the moment the form was first shown (seconds since the epoch)."""

    first: int
    second: int
    started: float
    signed: str

    @property
    def answer(self):
        return self.first + self.second


def _salt(evaluation, device):
    return f"{CHALLENGE_SALT}:{evaluation.survey_token}:{device}"


def issue_challenge(evaluation, device, started=None):
    """A new sum for the form; `started` keeps the time the form was first shown (when a refused
    form is shown again), else now."""
    first, second = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    started = time.time() if started is None else started
    signed = signing.dumps({"a": first, "b": second, "t": started},
                           salt=_salt(evaluation, device), compress=False)
    return Challenge(first, second, started, signed)


def read_challenge(evaluation, device, signed):
    """The Challenge `signed` carries if this survey and device issued it within
    CHALLENGE_MAX_AGE, else None."""
    try:
        data = signing.loads(signed or "", salt=_salt(evaluation, device),
                             max_age=CHALLENGE_MAX_AGE)
        return Challenge(int(data["a"]), int(data["b"]), float(data["t"]), signed)
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def submit(evaluation, answers, device):
    """Save one web response: `answers` is {question id: 1–5} for every question. Refused with
    SurveyClosed when the survey closed meanwhile, AlreadyAnswered when the device answered."""
    digest = device_hash(evaluation, device)
    try:
        with transaction.atomic():
            current = RegionEvaluation.objects.select_for_update().get(pk=evaluation.pk)
            if not current.survey_open:
                raise SurveyClosed
            if SurveyResponse.objects.filter(evaluation=current, device_hash=digest).exists():
                raise AlreadyAnswered
            response = SurveyResponse.objects.create(evaluation=current, device_hash=digest,
                                                     source=ResponseSource.WEB)
            SurveyAnswer.objects.bulk_create(
                [SurveyAnswer(response=response, question_id=question_id, value=value)
                 for question_id, value in answers.items()])
    except IntegrityError:
        # Two submissions of one device at the same moment: the constraint keeps one.
        raise AlreadyAnswered from None
    return response


@transaction.atomic
def set_open(evaluation, is_open):
    """Open or close the region's public survey link."""
    RegionEvaluation.objects.filter(pk=evaluation.pk).update(survey_open=is_open)
    evaluation.survey_open = is_open
