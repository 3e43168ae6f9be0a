"""Settings of the Rabat Process platform.

Every value that differs between a laptop and production comes from an environment
variable prefixed with ``DJANGO_`` (plus ``DATABASE_URL``). The defaults suit local
development; ``DJANGO_DEBUG=false`` switches to production behaviour, where the secret
key and the allowed hosts have no default.
"""

import os
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.logs import logging_config
from core.release import git_commit

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Django core

DEBUG = env_bool("DJANGO_DEBUG", True)

if DEBUG:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "development-only-secret-key-do-not-use")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
else:
    try:
        SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
        ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
    except KeyError as missing:
        raise ImproperlyConfigured(f"Set {missing} in production.") from None
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS in production.")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before django.contrib.admin.
    "modeltranslation",
    # Django's admin, whose default site asks staff for a one-time password when
    # REQUIRE_TWO_FACTOR is on.
    "core.admin.site.SecretariatAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Django's form templates, for the form renderer below.
    "django.forms",
    # Third party
    "django_filters",
    # Axes and the authenticator apps, named for the secretariat (rabatprocess.security_apps).
    "rabatprocess.security_apps.SignInLockoutsConfig",
    "django_otp",
    "rabatprocess.security_apps.AuthenticatorAppsConfig",
    "simple_history",
    "import_export",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Django's task framework and its database backend: the background worker.
    "django_tasks",
    "django_tasks_db",
    # Ours, from the lowest layer up: core (what the apps share, template tags included),
    # then governance <- meetings <- recommendations and news, the institutional pages (on
    # core alone), then the project package for the site-wide management commands.
    "core",
    "governance",
    "meetings",
    "recommendations",
    "news",
    "pages",
    "projects",
    "opendata",
    "overview",
    "rabatprocess",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A body larger than REQUEST_MAX_BYTES is refused before anything reads it.
    "core.middleware.RequestSizeLimitMiddleware",
    # Static files are answered here, before sessions and the rest are even looked at.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware reads the session, so it comes after it, and before CommonMiddleware.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A NUL character in the address or its parameters is a 400, in the site's language.
    "core.middleware.NulCharacterMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Both read request.user, so they come after AuthenticationMiddleware.
    "django_otp.middleware.OTPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Reads request.user: pages for signed-in people and the private area are not stored.
    "core.middleware.PrivateResponsesMiddleware",
    # Axes turns a locked-out sign-in into its lockout page; it must come last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rabatprocess.urls"
# Forms render with the templates of the site, so that templates/django/forms/ can replace
# one of Django's (the drop-down list, whose options it writes in one pass).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "rabatprocess.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # Templates are compiled once per process (the development server reloads them
            # when they change).
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                ),
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Connections are kept open between requests (a new PostgreSQL connection costs more than
# most pages' queries) and checked before reuse.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}

# The cache holds rendered public pages (core.page_cache). One process in
# development; with REDIS_URL, one Redis shared by every process and server, which also
# keeps the sessions, so that no state lives in a process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "rabat",
        },
        "sessions": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "rabat-session",
        },
    }
    # Read from Redis, written through to the database: a session survives the eviction
    # of cached pages when Redis runs short of memory, and a restart of Redis.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Axes comes first: it refuses a locked-out account and address before any password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation. LANGUAGES is the single list of languages: interface, content
# translation fields and URL prefixes all follow it.

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# Static and uploaded files

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Documents and evidence files live outside MEDIA_ROOT and have no URL of their own: a
# view checks who asks before streaming them.
PROTECTED_MEDIA_ROOT = Path(
    os.environ.get("DJANGO_PROTECTED_MEDIA_ROOT", BASE_DIR / "protected_media")
)
# Every file goes through these storages, so an S3-compatible object store can replace
# the local folders (DJANGO_S3_BUCKET); in production, static files get content-hashed
# names and compressed copies, served by WhiteNoise with far-future expiry.
S3_BUCKET = os.environ.get("DJANGO_S3_BUCKET", "")
if S3_BUCKET:
    _s3 = {
        "bucket_name": S3_BUCKET,
        "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("DJANGO_S3_REGION") or None,
        "default_acl": "private",
        "file_overwrite": False,
    }
    STORAGES = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**_s3, "location": "media"},
        },
        "protected": {
            "BACKEND": "meetings.s3_storage.ProtectedS3Storage",
            "OPTIONS": {**_s3, "location": "protected"},
        },
    }
else:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "protected": {"BACKEND": "meetings.storage.ProtectedFileSystemStorage"},
    }
# Files served at the root of the site, such as /favicon.ico, which browsers ask for there.
WHITENOISE_ROOT = BASE_DIR / "public"
# In development, WhiteNoise finds files where they are written, without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    if DEBUG
    else "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# Security, hardened whenever DEBUG is off.

SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers probe the health endpoint over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
X_FRAME_OPTIONS = "DENY"
# A refused form gets a page in the site's layout and language.
CSRF_FAILURE_VIEW = "rabatprocess.views.csrf_failure"

# Staff must confirm their sign-in to the admin with a one-time password (TOTP) from an
# authenticator app. On by default in production, off by default in development.
REQUIRE_TWO_FACTOR = env_bool("DJANGO_REQUIRE_2FA", not DEBUG)

# Pages under these URL namespaces, and every page for a signed-in person, answer
# "Cache-Control: private, no-store" (core.middleware.PrivateResponsesMiddleware).
PRIVATE_URL_NAMESPACES = ["private"]

# The largest request body accepted, in bytes (core.middleware.RequestSizeLimitMiddleware):
# the largest upload (a meeting document, 50 MB) and the form around it.
REQUEST_MAX_BYTES = int(os.environ.get("DJANGO_REQUEST_MAX_BYTES", 60 * 1024 * 1024))

# Features of the browser that no page of the site uses, refused to every page and frame
# (core.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}

# Slow or failure-prone work (every e-mail) runs in the background worker,
# `manage.py db_worker`, a process of its own beside the web server (`make run` starts
# both). Tasks are rows of the site's database, written in the transaction of the request
# that enqueues them: they exist exactly when the data they concern does.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# The newsletter leaves at this many e-mails a minute, within the mail server's limits.
NEWSLETTER_PER_MINUTE = int(os.environ.get("DJANGO_NEWSLETTER_PER_MINUTE", "120"))
# Reminders: to partners that have not submitted, this many days before a reporting round
# closes; to the focal points of a meeting's participants, this many days before it
# starts (0: no meeting reminders).
REPORTING_REMINDER_DAYS = int(os.environ.get("DJANGO_REPORTING_REMINDER_DAYS", "7"))
MEETING_REMINDER_DAYS = int(os.environ.get("DJANGO_MEETING_REMINDER_DAYS", "7"))
# The site's public address, for links in what is made without a request (scheduled
# reminders and notices, the printed Rabat Review).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Development prints e-mails on the console; production sends them through SMTP.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "secretariat@localhost")
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# The secretariat's own mailbox, told when a country submits its answers.
SECRETARIAT_EMAIL = os.environ.get("DJANGO_SECRETARIAT_EMAIL", DEFAULT_FROM_EMAIL)
# Who receives the report of a server error: "Name <address>, Other Name <address>".
ADMINS = [
    (name, address)
    for name, address in getaddresses([os.environ.get("DJANGO_ADMINS", "")])
    if address
]

# Logging: one readable line per event on the console (stderr), where the service manager
# or the container runtime collects it; optionally a file too, and an e-mail to ADMINS for
# each server error.

LOG_FILE = os.environ.get("DJANGO_LOG_FILE", "")
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO").upper()
LOGGING = logging_config(log_file=LOG_FILE, level=LOG_LEVEL, mail_admins=bool(ADMINS))

LOGIN_URL = "private:login"
LOGIN_REDIRECT_URL = "private:dashboard"
LOGOUT_REDIRECT_URL = "home"
# An invitation link stays valid for two weeks, a password reset link as long.
PASSWORD_RESET_TIMEOUT = 14 * 24 * 3600

# Third party: django-modeltranslation. Content falls back to the other language so that a
# text written only in French still shows on the English page, and the reverse.

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("en", "fr"),
    "fr": ("fr", "en"),
}

# Third party: django-csp. Every script and style comes from our own static files: no
# inline code, no CDN. Pages are never framed, forms post only to the site itself.

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Third party: django-axes. Five wrong passwords for one account from one address lock
# that pair out for 30 minutes; the secretariat lifts it in the admin (Sign-in lockouts).

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Behind reverse proxies, DJANGO_PROXY_COUNT says how many append to X-Forwarded-For;
# without it every sign-in would seem to come from the proxy's address.
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip_address"

# Third party: django-otp. The name authenticator apps show next to the code.

OTP_TOTP_ISSUER = os.environ.get("DJANGO_OTP_ISSUER", "Rabat Process")

# Third party: Django REST framework and drf-spectacular. The API under /api/ is public
# and read-only: no session, no sign-in, no forms; the filters are the public lists' own.
# Its documentation page loads Swagger UI from our static files.

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "core.api.PublicSchema",
    "DEFAULT_THROTTLE_CLASSES": [],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Rabat Process API",
    "DESCRIPTION": (
        "Public, read-only data of the Rabat Process, the Euro-African Dialogue on Migration "
        "and Development: meetings, recommendations and their follow-up, partners, "
        "presidencies, the steering committee and the action plans. No key is needed. "
        "Lists are paginated (`page`, `page_size` up to 200) and take the filters of the "
        "lists of the public site. Texts are in English or French (`lang`)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "DatePrecisionEnum": "governance.models.DatePrecision",
        "DocumentKindEnum": "meetings.models.Document.Kind",
    },
}

# Third party: django-import-export. The admin's lists export to CSV and Excel; imports
# are checked row by row and written all at once or not at all.

IMPORT_EXPORT_USE_TRANSACTIONS = True
# Between the preview and the confirmation the sheet waits in the cache, which every
# process and server share (Redis in production), and no file is left behind.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Exports escape formulas with the platform's own rule (core.admin.exchange.formats).
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False

# Ours

# Whole public pages are kept in the cache for anonymous visitors until the data changes
# (core.page_cache). Off only to measure the site without it.
PAGE_CACHE_ENABLED = env_bool("DJANGO_PAGE_CACHE", True)


# The release of the code: part of the key of every kept page, so that a deploy retires
# the pages of the one before. Set DJANGO_RELEASE where the code is not a git checkout.
RELEASE = os.environ.get("DJANGO_RELEASE") or git_commit(BASE_DIR) or "unreleased"
REFERENCE_DATA_DIR = BASE_DIR / "reference"
