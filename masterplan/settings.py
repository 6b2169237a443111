"""Settings for Masterplan Smart City Daerah.

Every deployment-specific value comes from an environment variable, parsed by a typed helper
that raises ImproperlyConfigured on a malformed value instead of guessing.
See docs/deploy.md for the full list.
"""

import os
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default=None, *, required=False):
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"Environment variable {name} is required.")
        return default
    return value


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}.")


def env_int(name, default, *, minimum=None):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {value!r}.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {number}.")
    return number


def env_choice(name, default, *, choices):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    if value.strip().lower() not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}; got {value!r}.")
    return value.strip().lower()


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_rate(name, default):
    """A request rate as "60/minute" (per second, minute, hour or day)."""
    value = env_str(name, default)
    number, _slash, period = value.partition("/")
    if not number.strip().isdigit() or int(number) < 1 \
            or period.strip() not in {"second", "minute", "hour", "day"}:
        raise ImproperlyConfigured(f"{name} must look like 60/minute (a whole number per second, "
                                   f"minute, hour or day); got {value!r}.")
    return f"{int(number)}/{period.strip()}"


def env_url(name, default=None, *, schemes):
    value = env_str(name, default)
    if value is None:
        return None
    scheme = urlparse(value).scheme
    if scheme not in schemes:
        allowed = ", ".join(sorted(schemes))
        raise ImproperlyConfigured(f"{name} must be a URL with scheme {allowed}; got {value!r}.")
    return value


DEBUG = env_bool("DEBUG", False)
# Commands that serve, sign and send nothing may run without the secret key and the site's
# address, so a build or CI step can check the migrations without production secrets
# (manage.py names the command). Everything else (the web app, a worker, any other command)
# still refuses to start without them, and Django refuses any use of an empty key.
OFFLINE_COMMANDS = {"makemigrations", "migrate", "showmigrations", "check", "collectstatic"}
OFFLINE_COMMAND = os.environ.get("DJANGO_MANAGE_COMMAND", "") in OFFLINE_COMMANDS
SECRET_KEY = env_str("SECRET_KEY", required=not DEBUG and not OFFLINE_COMMAND) or (
    "insecure-development-key-only-for-DEBUG" if DEBUG else "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",  # the portal's sitemap.xml
    "rules.apps.AutodiscoverRulesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served as our own static files
    "simple_history",
    "axes",
    "masterplan",
    "readiness",
    "swot",
    "roadmap",
    "bimtek",
    "books",  # the books read every method app
    "evaluation",  # the yearly smart city evaluation: reads every method app
    "portal",  # the public portal: reads every app, published masterplans only
    "opendata",  # open data files and the REST API, on top of the portal's publication
    "demo",  # seed_demo: reads every app, so it comes last
]

MIDDLEWARE = [
    # First, so every answer (a redirect, a refusal) carries the request id and is logged.
    "masterplan.request_log.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Permissions-Policy everywhere; Cache-Control: private, no-store for logged-in users.
    "masterplan.security_headers.SecurityHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # AxesMiddleware must come last: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "masterplan.urls"
WSGI_APPLICATION = "masterplan.wsgi.application"
ASGI_APPLICATION = "masterplan.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "masterplan.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_url(
            "DATABASE_URL",
            f"sqlite:///{VAR_DIR / 'masterplan.sqlite3'}",
            schemes={"sqlite", "postgres", "postgresql", "pgsql"},
        ),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers (the dev server plus an in-process task) would otherwise fail at once.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Computed figures (masterplan/figures.py) are cached here: Redis shared by every web process
# and worker in production, each process's own memory by default.
CACHE_URL = env_url("CACHE_URL", schemes={"redis", "rediss"})
CACHES = {"default": (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL else
    {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "masterplan"})}

AUTH_USER_MODEL = "masterplan.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Lock an account+address pair out after repeated failures (django-axes).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_VERBOSE = False
# Behind a reverse proxy REMOTE_ADDR is the proxy itself; name the META key of the header the
# proxy always overwrites with the client address (e.g. HTTP_X_REAL_IP), see docs/deploy.md.
AXES_CLIENT_IP_META = env_str("AXES_CLIENT_IP_META")
if AXES_CLIENT_IP_META:
    AXES_CLIENT_IP_CALLABLE = "masterplan.client_ip.client_ip"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

# Files go through two storages: "uploads" (workbook imports, regulation documents, Bimtek
# attachments, logos) and "generated" (rendered books, exports), on the local file system under
# MEDIA_ROOT unless S3_BUCKET names a private bucket of an S3-compatible store shared by every web
# process and worker. MEDIA_ROOT is never served: downloads go through the access layer.
S3_BUCKET = env_str("S3_BUCKET")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "uploads": {"BACKEND": "django.core.files.storage.FileSystemStorage"},  # at MEDIA_ROOT
    "generated": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                  "OPTIONS": {"location": MEDIA_ROOT / "generated"}},
}
if S3_BUCKET:
    STORAGES["generated"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_url("S3_ENDPOINT_URL", schemes={"http", "https"}),
            "access_key": env_str("S3_ACCESS_KEY", required=True),
            "secret_key": env_str("S3_SECRET_KEY", required=True),
            "region_name": env_str("S3_REGION"),
            "location": env_str("S3_PREFIX", "generated"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": True,
        },
    }
# A download of an upload from the bucket is a redirect to a URL signed for this many seconds.
S3_URL_EXPIRE = env_int("S3_URL_EXPIRE", 60, minimum=1)
if S3_BUCKET:
    # Uploads: the same bucket under their own prefix; a name already taken gets a random suffix.
    STORAGES["uploads"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**STORAGES["generated"]["OPTIONS"],
                    "location": env_str("S3_UPLOADS_PREFIX", "uploads"),
                    "file_overwrite": False,
                    "querystring_expire": S3_URL_EXPIRE,
                    "signature_version": "s3v4"},
    }
    STORAGES["default"] = STORAGES["uploads"]

# Every form is rendered with the project's BoundField (e.g. "— pilih —" for an empty choice).
FORM_RENDERER = "masterplan.form_rendering.FormRenderer"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: printed to the console unless an SMTP host is configured.
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "masterplan@localhost")
# The address people open the site at; links in emails are made absolute with it.
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000" if DEBUG else None,
                   schemes={"http", "https"})
if SITE_URL is None and not OFFLINE_COMMAND:
    raise ImproperlyConfigured("Environment variable SITE_URL is required when DEBUG is off, "
                               "e.g. https://masterplan.example.go.id")

# seed_demo renders Kota Bandung's three draft books for the public portal (demo/publication.py);
# the test suite turns it off (tests/settings.py) and the tests that need the PDFs turn it on.
DEMO_RENDER_BOOKS = env_bool("DEMO_RENDER_BOOKS", True)

# Celery: with a broker, tasks go to its workers.
CELERY_BROKER_URL = env_url("CELERY_BROKER_URL", schemes={"redis", "rediss", "amqp", "amqps"})
CELERY_RESULT_BACKEND = env_url("CELERY_RESULT_BACKEND", CELERY_BROKER_URL,
                                schemes={"redis", "rediss", "rpc"})
# Where renders and batch exports run (masterplan/runner.py): "celery", on the broker's workers;
# without a broker "background", in a few threads of the web process, so a single `make run`
# needs nothing else and a click returns at once (the default), or "eager", inside the request.
TASK_RUNNER = env_choice("TASK_RUNNER", "celery" if CELERY_BROKER_URL else "background",
                         choices=("celery", "background", "eager"))
if TASK_RUNNER == "celery" and CELERY_BROKER_URL is None:
    raise ImproperlyConfigured("TASK_RUNNER=celery needs CELERY_BROKER_URL.")
if TASK_RUNNER != "celery" and CELERY_BROKER_URL is not None:
    raise ImproperlyConfigured(f"TASK_RUNNER={TASK_RUNNER} runs tasks in the web process, so "
                               "the broker's workers would get none: unset CELERY_BROKER_URL "
                               "or TASK_RUNNER.")
# Tasks the background runner runs at a time; the others wait their turn. Each render typesets
# in a child process of up to RENDER_TYPESET_MEMORY_MIB.
TASK_RUNNER_THREADS = env_int("TASK_RUNNER_THREADS", 2, minimum=1)
# Without a broker Celery runs a task where it is sent: in the request, or in the background
# runner's thread that sends it.
CELERY_TASK_ALWAYS_EAGER = TASK_RUNNER != "celery"
# The queue tasks are sent to and workers read (-Q); a broker shared with other sites needs its own.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "celery")
# Renders and batch exports may go to a queue of their own, read by workers sized for
# typesetting, so a long render never holds up the e-mails and the stale-job sweep.
CELERY_RENDER_QUEUE = env_str("CELERY_RENDER_QUEUE")
CELERY_TASK_ROUTES = {name: {"queue": CELERY_RENDER_QUEUE}
                      for name in ("masterplan.render_book", "masterplan.build_batch_archive")
                      } if CELERY_RENDER_QUEUE else {}
# A task that fails where it runs in the web process is logged and reported to its task_failure
# receivers, as on a worker, instead of raising into the request or runner that sent it; only
# "eager" (the tests) wants it raised.
CELERY_TASK_EAGER_PROPAGATES = TASK_RUNNER == "eager"
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ACKS_LATE = True
# A task whose worker process died is failed, not requeued: a document that kills its worker
# (memory, a crash) would kill the next one too. The render job is marked failed at once
# (masterplan/tasks.py); a job of a whole worker that died is failed when it restarts or by the
# stale-job sweep below.
CELERY_TASK_REJECT_ON_WORKER_LOST = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Seconds a render may take: the soft limit ends it with a message, the hard one kills it.
RENDER_SOFT_TIME_LIMIT = env_int("RENDER_SOFT_TIME_LIMIT", 300, minimum=60)
RENDER_HARD_TIME_LIMIT = RENDER_SOFT_TIME_LIMIT + 60
# Typesetting runs in a child process capped in address space (the full demo's Buku II needs
# under 500 MiB) and killed before the soft limit, so any document ends with a message.
RENDER_TYPESET_MEMORY_MIB = env_int("RENDER_TYPESET_MEMORY_MIB", 2048, minimum=256)
RENDER_TYPESET_SECONDS = RENDER_SOFT_TIME_LIMIT - 30
# Redis redelivers a message not acknowledged within the visibility timeout. It must exceed the
# hard time limit, or a render still running would be delivered to a second worker.
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 2 * RENDER_HARD_TIME_LIMIT,
                                    minimum=RENDER_HARD_TIME_LIMIT + 1)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
# Celery beat fails render jobs whose worker vanished, once their hard time limit has passed.
STALE_JOB_SWEEP_SECONDS = env_int("STALE_JOB_SWEEP_SECONDS", 60, minimum=1)
CELERY_BEAT_SCHEDULE = {
    "fail-stale-render-jobs": {"task": "masterplan.fail_stale_render_jobs",
                               "schedule": float(STALE_JOB_SWEEP_SECONDS)},
}

# Production hardening, on by default whenever DEBUG is off (docs/deploy.md).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe /healthz over plain HTTP on the machine's own address.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12, minimum=60)

# Security headers (docs/deploy.md, "Security headers"). The pages carry no inline script, event
# handler or style: behaviour lives in static/js/, styling in static/css/, and htmx is configured
# not to inject its own <style> (templates/base.html). tests/masterplan/test_security_headers.py
# keeps it that way.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # Bootstrap's CSS draws its small icons as data: SVGs
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Browser features the app never uses, denied to its pages (masterplan/security_headers.py).
PERMISSIONS_POLICY = {feature: [] for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "geolocation",
    "gyroscope", "magnetometer", "microphone", "midi", "payment", "picture-in-picture",
    "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
)}

LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL; got {LOG_LEVEL!r}.")

# "json": one JSON object per line with the request id (masterplan/request_log.py), for a log
# collector; "text" (the default) for a person reading a terminal.
LOG_FORMAT = env_choice("LOG_FORMAT", "text", choices=("text", "json"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "masterplan.request_log.RequestContextFilter"}},
    "formatters": {"json": {"()": "masterplan.request_log.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request"],
                             **({"formatter": "json"} if LOG_FORMAT == "json" else {})}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # A refused or missing page is the access layer working, not a server fault.
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},  # layout progress and font notes, not faults
        "fontTools": {"level": "ERROR"},
    },
}

def env_weights(name, default):
    """'baik=3,sedang=2,buruk=1' -> {'baik': 3, 'sedang': 2, 'buruk': 1}, all three required."""
    raw = env_str(name, default)
    try:
        pairs = dict(item.split("=", 1) for item in raw.split(","))
        weights = {key.strip(): int(value) for key, value in pairs.items()}
    except ValueError:
        raise ImproperlyConfigured(f"{name} must look like baik=3,sedang=2,buruk=1; got {raw!r}.") from None
    if set(weights) != {"baik", "sedang", "buruk"} or min(weights.values()) < 0 \
            or max(weights.values()) == 0:
        raise ImproperlyConfigured(f"{name} needs non-negative weights for baik, sedang and buruk; got {raw!r}.")
    return weights


# Readiness and performance scoring: the points of each judgement (docs/readiness-index.md).
READINESS_WEIGHTS = env_weights("READINESS_WEIGHTS", "baik=3,sedang=2,buruk=1")

# Region list page size on the dashboards.
REGION_PAGE_SIZE = env_int("REGION_PAGE_SIZE", 50, minimum=5)

# --- Open data and the REST API (opendata/, docs/api.md, docs/open-data.md) -------------------

# Seconds a shared cache (a CDN, a proxy) may keep a public open-data file or page; what a
# signed-in user is shown is never cached (masterplan/security_headers.py).
OPEN_DATA_MAX_AGE = env_int("OPEN_DATA_MAX_AGE", 900, minimum=0)
# Seconds an anonymous API answer may be cached by a shared cache.
API_PUBLIC_MAX_AGE = env_int("API_PUBLIC_MAX_AGE", 60, minimum=0)
# Requests allowed per anonymous address, per personal API token and per signed-in browser
# session; more answer 429. Counted in Django's cache (CACHES), shared by every web process when
# CACHE_URL is set. Behind a proxy the address is read from AXES_CLIENT_IP_META, as for the
# login lockout.
API_THROTTLE_RATES = {
    "anon": env_rate("API_THROTTLE_ANON", "60/minute"),
    "token": env_rate("API_THROTTLE_TOKEN", "600/minute"),
    "session": env_rate("API_THROTTLE_SESSION", "600/minute"),
}
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 100, minimum=1)
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 1000, minimum=1)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "opendata.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # What is visible is decided per request by the access layer (opendata/visibility.py).
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": [
        "opendata.api.throttling.AnonymousThrottle",
        "opendata.api.throttling.TokenThrottle",
        "opendata.api.throttling.SessionThrottle",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "opendata.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "opendata.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Masterplan Smart City Daerah",
    "DESCRIPTION": ("Data masterplan smart city daerah yang diterbitkan (tanpa token) dan data "
                    "wilayah Anda sendiri (dengan token API pribadi). Lihat docs/api.md."),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No request to the public validator: the page fetches nothing from elsewhere.
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "deepLinking": True},
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/",
}
