import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masterplan.settings")
application = get_wsgi_application()

# Without a broker this process renders in its background runner, and no beat runs: fail the
# jobs a previous web process of this machine left unfinished (masterplan/tasks.py).
from masterplan.tasks import sweep_at_start  # noqa: E402  (needs the apps loaded above)

sweep_at_start()
