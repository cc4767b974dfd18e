"""Settings shared by every environment, driven by environment variables."""
import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.conf import global_settings
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# The repository root in a checkout (manage.py lives there); var/ holds the SQLite file and media.
BASE_DIR = Path(os.environ.get("CPRO_BASE_DIR", PACKAGE_DIR.parent.parent))
VAR_DIR = Path(os.environ.get("CPRO_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    # Host apps first so their templates override the libraries' ones.
    "cpro_platform.home",
    "cpro_platform.referentials",
    "cpro_platform.etablissements",
    "cpro_platform.comptes",
    "cpro_platform.acces",
    "cpro_platform.suivi",
    "cpro_platform.livret",
    "cpro_platform.bilans",
    "cpro_platform.certification",
    "cpro_platform.exports",  # export formats registry, background export batches
    "cpro_platform.pfmp",  # company periods, placements, visits, attestations
    "cpro_platform.apprentissage",  # the apprentices' booklet
    "cpro_platform.activites",  # activity sheets from the company
    "cpro_platform.portabilite",  # the learner's signed archive between installations
    "cpro_platform.securite",
    "training_site",
    "resources_site",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Libraries
    "dsfr",
    "widget_tweaks",  # django-dsfr's checkbox and radio snippets load it
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "sesame",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",  # the task queue in the database (app label "django_tasks_database")
    # Django
    "django.forms",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from the app server (compressed, cached forever when hashed).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Roles and scopes asked once per request (cpro_platform.acces.faits).
    "cpro_platform.acces.faits.FaitsDeLaRequete",
    "cpro_platform.securite.entetes.PolitiqueDeContenu",
    "cpro_platform.securite.entetes.PolitiqueDesPermissions",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cpro_platform.home.middleware.LanguageChoiceMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cpro_platform.comptes.middleware.LienMagiqueMiddleware",  # after auth + messages
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A write that cannot get the database lock answers 503 "réessayez", never a 500.
    "cpro_platform.home.occupation.OccupationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that it turns the lockout flag set during authentication into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cpro_platform.urls"
WSGI_APPLICATION = "cpro_platform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "cpro_platform.home.context_processors.navigation",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'cpro.sqlite3'}",
        # Persistent connections (a PostgreSQL connection costs a few ms per request), checked
        # before reuse so a restarted server does not surface as an error.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue instead of failing: a transaction takes the write lock when it starts, so
    # "count then insert" (webinar capacity, grid versions) cannot interleave. ``timeout`` is
    # SQLite's busy timeout (seconds a writer waits for the lock). WAL lets readers go on while
    # a writer (the import worker's batches) holds the lock; synchronous=NORMAL is WAL's
    # recommended durability.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20,
         "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Axes first, so a locked account or address is refused before any password is checked; the
# rules backend only answers permission questions.
AUTHENTICATION_BACKENDS = [
    "cpro_platform.securite.verrouillage.VerrouAvantMotDePasse",
    "django.contrib.auth.backends.ModelBackend",
    "rules.permissions.ObjectPermissionBackend",
    "sesame.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# French first, English available.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

# Evidence files of the grids (suivi): a private storage without URL, outside MEDIA_ROOT (which
# is public under DEBUG); only the permission-checked view serves them. Check: suivi.E001/E002.
STOCKAGE_PREUVES = {
    "BACKEND": "cpro_platform.suivi.stockage.PreuvesSurDisque",
    "OPTIONS": {"location": Path(os.environ.get("PREUVES_ROOT", VAR_DIR / "prive" / "preuves"))},
}
STORAGES = {**global_settings.STORAGES, "preuves": STOCKAGE_PREUVES}
# Generated documents (a class's bilans as one archive, made by the worker): private too, served
# only by the permission-checked view exports:lot_telecharger.
STOCKAGE_DOCUMENTS = {
    "BACKEND": "cpro_platform.bilans.stockage.DocumentsSurDisque",
    "OPTIONS": {"location": Path(os.environ.get("DOCUMENTS_ROOT",
                                                VAR_DIR / "prive" / "documents"))},
}
STORAGES["documents"] = STOCKAGE_DOCUMENTS

# Wagtail
WAGTAIL_SITE_NAME = "CPRO"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français")]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "vtt", "xlsx", "zip"]

# Background work (django-tasks): tasks are queued in the database and run by
# `manage.py db_worker` (`make run` starts one beside the web server). Imports, and Wagtail's
# own tasks (reference index), go through it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Livret pages and PDFs by version (livret.cache): files under var/cache/, shared by the
# gunicorn workers of one machine. Several app servers need one shared cache instead (the
# DatabaseCache or Redis: README "Running several servers"). Bounded: past MAX_ENTRIES bodies,
# a third of them is dropped (CULL_FREQUENCY).
CACHES = {**global_settings.CACHES, "livret": {
    "BACKEND": os.environ.get("CACHE_LIVRET_BACKEND",
                              "django.core.cache.backends.filebased.FileBasedCache"),
    "LOCATION": os.environ.get("CACHE_LIVRET_LOCATION", str(VAR_DIR / "cache" / "livret")),
    "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_LIVRET_MAX_ENTRIES", "2000")),
                "CULL_FREQUENCY": 3}}}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CPRO API", "VERSION": "0.1.0",
    "PREPROCESSING_HOOKS": ["cpro_platform.etablissements.api.endpoints_publies"],
}

# Magic links for tutors and apprenticeship masters (django-sesame).
SESAME_MAX_AGE = 60 * 60 * 24 * 30

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CPRO <ne-pas-repondre@cpro.example>")

# The platform's own settings, one namespaced dict (read through cpro_platform.conf).
CPRO = {
    # Entry-point plugin names to load; None loads every installed plugin.
    "PLUGINS_ALLOW": None,
    # Entry-point plugin names never to load.
    "PLUGINS_BLOCK": [],
    # Reverse proxies in front of the application that append to X-Forwarded-For (0: none).
    "PROXIES": int(os.environ.get("CPRO_PROXIES", "0")),
    # Failed sign-ins before a lock, within AXES_COOLOFF_TIME (cpro_platform.securite).
    "VERROUILLAGE": {"PAR_COMPTE": 5, "PAR_ADRESSE": 30},
}

# Security headers (cpro_platform.securite.entetes).
_CSP_COMMUN = {
    "default-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF, "data:"],
    "media-src": [SELF, "https:"],
    "frame-src": ["https://www.youtube-nocookie.com"],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {
    **_CSP_COMMUN, "script-src": [SELF], "style-src": [SELF], "frame-ancestors": [NONE]}}
# Wagtail 8's admin still runs inline scripts (measured: the CMS browser test fails without
# 'unsafe-inline'); it previews pages in a frame of its own origin.
CONTENT_SECURITY_POLICY_ADMIN = {"DIRECTIVES": {
    **_CSP_COMMUN, "script-src": [SELF, UNSAFE_INLINE], "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"], "frame-ancestors": [SELF]}}
CPRO["INTERFACES_ADMIN"] = ["/cms/", "/django-admin/"]
PERMISSIONS_POLICY = ("camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
                      "display-capture=(), browsing-topics=()")
# Wagtail would show staff avatars from gravatar.com, sending a hash of their e-mail there.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor ask releases.wagtail.org for news from every editor's browser (refused by the CSP too).
WAGTAIL_ENABLE_UPDATE_CHECK = False
# One password reset, the application's (throttled): the CMS sign-in page links to it.
WAGTAIL_PASSWORD_RESET_ENABLED = False

# Sign-in throttling (django-axes) with our thresholds per account and per address.
AXES_HANDLER = "cpro_platform.securite.verrouillage.VerrouParCompteEtParAdresse"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = CPRO["VERROUILLAGE"]["PAR_COMPTE"]
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_CLIENT_IP_CALLABLE = "cpro_platform.securite.adresses.adresse_client"
AXES_LOCKOUT_CALLABLE = "cpro_platform.securite.vues.connexion_bloquee"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = False
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"cpro_platform": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
