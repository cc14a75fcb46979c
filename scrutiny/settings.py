"""
One settings module for every environment, read from environment variables.

With nothing set, a fresh checkout runs: SQLite under var/, a filesystem
Celery broker under var/celery/, e-mail printed to the console. Production
sets DATABASE_URL, REDIS_URL, SECRET_KEY, DEBUG=0 and ALLOWED_HOSTS.
"""

import os
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
# A process of a parallel test run (pytest-xdist names it "gw0", "gw1"...) keeps its own
# files and its own two Redis databases (broker and cache), so one process's worker never
# takes another's tasks.
TEST_PROCESS = os.environ.get("PYTEST_XDIST_WORKER", "")
if TEST_PROCESS:
    VAR_DIR = VAR_DIR / TEST_PROCESS
VAR_DIR.mkdir(parents=True, exist_ok=True)


def envbool(name: str, default: str) -> bool:
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "True")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-a-first-run-on-your-own-machine"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "django_htmx",
    "rules",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "committees",
    "meetings",
    "workprogramme",
    "tracker",
    "actionplans",
    "minutes",
    "packs",
    "accounts",
    "councillors",
    "search",
    "alerts",
    "demo",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "corsheaders",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before CommonMiddleware, as django-cors-headers asks; it acts on /api/ only.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Where a council requires two-factor sign-in, sends its people to set it up first.
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "scrutiny.urls"
WSGI_APPLICATION = "scrutiny.wsgi.application"

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
                "scrutiny.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'scrutiny.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock (up to 20 s) instead of failing at once, so officers
    # pressing Publish together on a first-run portal are served one after the other.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    # A file, not memory, for the tests too: several connections then share it as in use.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out account is refused before its password is tried.
    "axes.backends.AxesStandaloneBackend",
    # Object permissions (committees.roles): who runs which council's committees.
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# account, or from one address, sign-in is refused for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 20)
AXES_COOLOFF_MINUTES = envint("AXES_COOLOFF_MINUTES", 30)
# django-axes reads AXES_COOLOFF_TIME (a float is hours); without it a lockout never ends.
AXES_COOLOFF_TIME = AXES_COOLOFF_MINUTES / 60
# Each on its own: the account (from any address), or the address (for any account).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# Tries during a lockout are refused without moving its end, so the time the lockout page
# gives ("try again after 2:35pm") stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A plain page saying when to try again, status 429 (accounts/lockout.py).
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_VERBOSE = False
# Behind a reverse proxy every request comes from the proxy's address, so one address
# lock would lock everyone out: set AXES_PROXY_COUNT to the number of proxies that add
# X-Forwarded-For (and make sure clients cannot set it themselves).
AXES_IPWARE_PROXY_COUNT = envint("AXES_PROXY_COUNT", 0) or None
if AXES_IPWARE_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# Content-Security-Policy (django-csp) and Permissions-Policy: nothing is loaded from
# elsewhere, and the browser features the portal never uses are switched off.
from csp.constants import NONCE  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # No inline script at all: every script is a file under static/.
        "script-src": ["'self'"],
        # Stylesheets are files, plus one exception: Trix (the rich text editor) puts its
        # own small default stylesheet for <trix-editor> and <trix-toolbar> in a <style>
        # element, which it marks with the page's nonce from <meta name="trix-csp-nonce">
        # (templates/base.html). The nonce admits <style> elements only, not style=""
        # attributes, and changes with every response. htmx's indicator styles are
        # switched off in base.html and come from static/css/htmx.css instead.
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Uploaded papers are private: there is no MEDIA_URL, every file goes
    # through a view that checks who may see it.
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Where files are kept: papers (uploaded and generated), built packs, the packs' part cache
# ("pack_parts", packs/parts.py) and the API's bulk files. By default in MEDIA_ROOT on this
# machine's disk. A portal on more than one machine keeps them in an S3-compatible bucket
# instead (django-storages), set by STORAGE_URL=s3://bucket[/prefix]?endpoint_url=...&region=...
# or by AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL and AWS_S3_REGION_NAME; the keys come
# from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or, unset, the machine's own role).
# Objects are private: every file is still served by a view that checks who may see it.
STORAGE_URL_OPTIONS = {
    "endpoint_url": "endpoint_url",
    "region": "region_name",
    "region_name": "region_name",
    "addressing_style": "addressing_style",
    "signature_version": "signature_version",
}


def s3_options(environ) -> dict:
    """django-storages' S3Storage options from the environment; empty for local disk."""
    storage_url = environ.get("STORAGE_URL", "").strip()
    if storage_url:
        url = urlsplit(storage_url)
        if url.scheme != "s3" or not url.netloc:
            raise ImproperlyConfigured(
                "STORAGE_URL must look like s3://bucket-name?endpoint_url=...&region=..."
            )
        query = dict(parse_qsl(url.query))
        unknown = sorted(set(query) - set(STORAGE_URL_OPTIONS))
        if unknown:
            raise ImproperlyConfigured(f"STORAGE_URL has unknown options: {', '.join(unknown)}")
        options = {"bucket_name": url.netloc, "location": url.path.strip("/")}
        options.update({STORAGE_URL_OPTIONS[key]: value for key, value in query.items() if value})
    elif environ.get("AWS_STORAGE_BUCKET_NAME"):
        options = {
            "bucket_name": environ["AWS_STORAGE_BUCKET_NAME"],
            "location": environ.get("AWS_LOCATION", "").strip("/"),
            "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        }
    else:
        return {}
    return {
        **options,
        "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
        # Private objects; a bucket with ACLs switched off (its objects private anyway)
        # may need AWS_DEFAULT_ACL="" (send none).
        "default_acl": environ.get("AWS_DEFAULT_ACL", "private") or None,
        # Any URL the storage gives out is signed and short-lived (none is given out today).
        "querystring_auth": True,
        "querystring_expire": int(environ.get("STORAGE_SIGNED_URL_SECONDS", 60)),
        # A new paper never replaces another that happens to have the same name.
        "file_overwrite": False,
        # A file read back (to serve or merge) spills from memory to a temporary file past this.
        "max_memory_size": 8 * 1024 * 1024,
    }


def file_storages(options: dict) -> dict:
    """The STORAGES entries for files: "default" and the packs' part cache, "pack_parts"."""
    if not options:
        # On disk under MEDIA_ROOT; the part cache is MEDIA_ROOT/pack-parts/, where a part is
        # written beside its name and renamed (packs/parts.py).
        return {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "pack_parts": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        }
    return {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
        # The part cache, named by content: two workers writing one part write the same
        # bytes, each PUT whole, and a name is written over in place, never renamed
        # name_abc123.pdf.
        "pack_parts": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**options, "file_overwrite": True},
        },
    }


STORAGES.update(file_storages(s3_options(os.environ)))
MAX_UPLOAD_MB = envint("MAX_UPLOAD_MB", 50)
# Processes a pack build renders its papers in at once (packs/rendering.py); 1 renders them
# one after another in the worker itself.
PACK_RENDER_PROCESSES = envint("PACK_RENDER_PROCESSES", os.cpu_count() or 1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
# crispy-forms-gds styles text inputs only; time, date, number and address inputs need it too.
CRISPY_CLASS_CONVERTERS = dict.fromkeys(
    ("timeinput", "dateinput", "numberinput", "urlinput"), "govuk-input"
)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "False")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "democratic.services@example.org")

# Celery. With REDIS_URL unset, a broker that needs no server (kombu's
# filesystem transport) still hands work to a separate worker process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL and TEST_PROCESS:
    database = 1 + 2 * int(TEST_PROCESS.removeprefix("gw"))
    REDIS_URL = urlsplit(REDIS_URL)._replace(path=f"/{database}").geturl()
CELERY_BROKER_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_RESULT_BACKEND = None
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
# The cache: the public pages as rendered (meetings/page_cache.py) and the API's throttle
# counts. With REDIS_URL, Redis, shared by every web worker, in a database of its own (the
# next one after the broker's), so that clearing the cache never touches the task queue;
# without, each process's own memory.
if REDIS_URL:
    broker = urlsplit(REDIS_URL)
    cache_database = int(broker.path.strip("/") or 0) + 1
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": broker._replace(path=f"/{cache_database}").geturl(),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Publishing must not hang a request while the broker is down: a few quick tries, then
# the officer is told that publishing is unavailable.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", "False")
CELERY_BEAT_SCHEDULE = {
    "tracker-rules-daily": {
        "task": "tracker.tasks.apply_tracker_rules",
        "schedule": crontab(hour=2, minute=30),
    },
    "resume-stalled-pack-builds": {
        "task": "packs.tasks.resume_stalled_pack_builds",
        "schedule": crontab(minute="*"),
    },
    "withdraw-exposed-packs": {
        "task": "packs.tasks.withdraw_exposed_packs",
        "schedule": crontab(minute="*"),
    },
    "expire-stale-pack-builds": {
        "task": "packs.tasks.expire_stale_pack_builds",
        "schedule": crontab(minute="*/5"),
    },
    "forget-unconfirmed-alert-subscriptions": {
        "task": "alerts.tasks.forget_unconfirmed_subscriptions",
        "schedule": crontab(hour=4, minute=0),
    },
    "export-api-bulk-files-nightly": {
        "task": "api.tasks.export_bulk_files",
        "schedule": crontab(hour=3, minute=45),
    },
    "reindex-search-nightly": {
        "task": "search.tasks.reindex_everything",
        "schedule": crontab(hour=3, minute=15),
    },
}

# The open-data API (api/): read-only, the same for everyone (every caller is the public),
# so there is no authentication and every caller is throttled by address.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ApiCursorPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_RATE_LIMIT", "120/minute")},
    "NUM_PROXIES": AXES_IPWARE_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Council scrutiny open data API",
    "DESCRIPTION": "Read-only open data: councils, committees, people, memberships, "
    "meetings with their agendas, papers, decisions and outcome tracker entries, shaped "
    "after Open Civic Data. Everyone gets exactly what the public pages show.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "CommitteeKindEnum": "committees.models.Committee.Kind",
        "MeetingKindEnum": "meetings.models.Meeting.Kind",
        "DocumentKindEnum": "meetings.models.Document.Kind",
        "DecisionKindEnum": "minutes.models.Decision.Kind",
        "MeetingStatusEnum": "meetings.models.Meeting.Status",
        "MinutesStatusEnum": "minutes.models.Minutes.Status",
        "WorkProgrammeItemStatusEnum": "workprogramme.models.WorkProgrammeItem.Status",
    },
}
# CORS: any site may read the API with GET; nothing else on the portal is shared.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "True")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "True")
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "True")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # WeasyPrint logs every layout step at INFO; its warnings still show.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes logs every sign-in at INFO; lockouts still show as warnings.
        "axes": {"level": "WARNING"},
    },
}
