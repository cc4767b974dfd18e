"""Local development: debug on, console e-mail, SQLite unless DATABASE_URL says otherwise."""
import os

os.environ.setdefault("DEBUG", "1")

from .base import *  # noqa: E402,F403
from .base import SECRET_KEY, VAR_DIR  # noqa: E402

SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me"
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
VAR_DIR.mkdir(parents=True, exist_ok=True)
