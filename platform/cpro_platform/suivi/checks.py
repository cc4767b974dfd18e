"""System checks: storages of learners' files stay private whatever the settings.

One check for every such storage (the evidence here, the generated documents in
``bilans.checks``): a folder the site serves (``MEDIA_ROOT``, ``STATIC_ROOT``) would publish
the files, and so would a URL or a ``base_url`` (Django falls back to ``MEDIA_URL``).
"""
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage


@dataclass(frozen=True)
class StockagePrive:
    """A storage that only a permission-checked view may serve, as the errors name it."""

    quoi: str          # "evidence", "generated documents"
    vue: str           # the one view serving its files
    classe: str        # the storage class to use
    dossier: str       # a suitable folder, for the hint
    app: str           # prefix of the check ids: "<app>.E001" …


PREUVES = StockagePrive("evidence", "suivi:preuve",
                        "cpro_platform.suivi.stockage.PreuvesSurDisque",
                        "VAR_DIR / 'prive' / 'preuves'", "suivi")


def dossiers_publics() -> dict[str, Path | None]:
    """The folders the site serves, from the settings."""
    return {"MEDIA_ROOT": settings.MEDIA_ROOT,
            "STATIC_ROOT": getattr(settings, "STATIC_ROOT", None)}


def erreurs_stockage_prive(stockage, prive: StockagePrive,
                           publics: Mapping[str, Path | str | None]) -> list[checks.Error]:
    """What makes ``stockage`` unfit for ``prive``'s files: a folder in ``publics``
    (E001), a URL (E002) or a ``base_url`` (E003)."""
    erreurs = []
    if isinstance(stockage, FileSystemStorage):
        dossier = Path(stockage.location).resolve()
        for reglage, public in publics.items():
            if not public:
                continue
            public = Path(public).resolve()
            if dossier == public or public in dossier.parents:
                erreurs.append(checks.Error(
                    f"The {prive.quoi} storage is inside {reglage} ({dossier}): its files "
                    "would be public.", hint=f"Use a folder outside {reglage}, such as "
                    f"{prive.dossier}.", id=f"{prive.app}.E001"))
    try:
        stockage.url("fichier.pdf")
    except ValueError:
        pass
    else:
        erreurs.append(checks.Error(
            f"The {prive.quoi} storage gives files a URL: they must be served only by the "
            f"view {prive.vue}.", hint=f"Use {prive.classe}.", id=f"{prive.app}.E002"))
    if getattr(stockage, "_base_url", None):
        erreurs.append(checks.Error(
            f"The {prive.quoi} storage has a base_url ({stockage._base_url}): its files are "
            f"meant to be served by {prive.vue} only.",
            hint="Remove base_url from its OPTIONS.", id=f"{prive.app}.E003"))
    return erreurs


def erreurs_stockage_preuves(stockage, media_root, static_root=None) -> list[checks.Error]:
    """The evidence storage checked against explicit folders (no settings needed)."""
    return erreurs_stockage_prive(stockage, PREUVES, {"MEDIA_ROOT": media_root,
                                                      "STATIC_ROOT": static_root})


@checks.register(checks.Tags.security)
def stockage_des_preuves(app_configs=None, **kwargs) -> list[checks.Error]:
    from .models import Evaluation

    return erreurs_stockage_prive(Evaluation._meta.get_field("preuve").storage, PREUVES,
                                  dossiers_publics())
