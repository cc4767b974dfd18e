"""Run every benchmark on a throw-away SQLite database (or DATABASE_URL when set)."""
import os
import sys
import tempfile


def main() -> int:
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='cpro-bench-')}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpro_platform.settings.dev")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from . import (bilans, certification_commission, certification_grilles, documents,
                   livret, sync)

    for bench in (sync, livret, bilans, documents, certification_grilles,
                  certification_commission):
        print(f"== {bench.__name__} ==")
        bench.run(print)
    return 0


if __name__ == "__main__":
    sys.exit(main())
