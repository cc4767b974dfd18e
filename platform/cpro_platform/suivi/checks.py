"""System check: evidence files must stay private whatever the settings."""
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage


def erreurs_stockage_preuves(stockage, media_root) -> list[checks.Error]:
    """What makes ``stockage`` unfit for evidence: a folder MEDIA_ROOT serves, or a URL."""
    erreurs = []
    if isinstance(stockage, FileSystemStorage):
        dossier, media = Path(stockage.location).resolve(), Path(media_root).resolve()
        if dossier == media or media in dossier.parents:
            erreurs.append(checks.Error(
                f"The evidence storage is inside MEDIA_ROOT ({dossier}): evidence would be "
                "public under MEDIA_URL.", hint="Use a folder outside MEDIA_ROOT, such as "
                "VAR_DIR / 'prive' / 'preuves'.", id="suivi.E001"))
    try:
        stockage.url("preuve.png")
    except ValueError:
        pass
    else:
        erreurs.append(checks.Error(
            "The evidence storage gives files a URL: evidence must be served only by the "
            "view suivi:preuve.", hint="Use cpro_platform.suivi.stockage.PreuvesSurDisque.",
            id="suivi.E002"))
    return erreurs


@checks.register(checks.Tags.security)
def stockage_des_preuves(app_configs=None, **kwargs) -> list[checks.Error]:
    from .models import Evaluation

    return erreurs_stockage_preuves(Evaluation._meta.get_field("preuve").storage,
                                    settings.MEDIA_ROOT)
