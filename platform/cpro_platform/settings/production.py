"""Production: every secret from the environment, secure cookies, PostgreSQL expected."""
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEBUG, SECRET_KEY, env_bool

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")
if DEBUG:
    raise ImproperlyConfigured("DEBUG must not be enabled in production.")

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HTTPS only, for a year, on every subdomain too; "preload" makes the domain eligible for the
# browsers' list (submitting it there is the operator's choice).
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names + gzip/brotli copies, served by WhiteNoise with far-future caching.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Evidence files keep their private storage (base.STOCKAGE_PREUVES), never under MEDIA_ROOT.
STORAGES["preuves"] = STOCKAGE_PREUVES  # noqa: F405
STORAGES["documents"] = STOCKAGE_DOCUMENTS  # noqa: F405  (generated documents: private)
