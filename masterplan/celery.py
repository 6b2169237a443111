import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masterplan.settings")

app = Celery("masterplan")
# Settings named CELERY_* in settings.py configure the app (no broker -> tasks run eagerly).
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
