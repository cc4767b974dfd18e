"""System check: generated documents (a class's bilans in one archive) stay private whatever
the settings — the evidence storage's check (``suivi.checks``), applied to ``documents``."""
from django.core import checks

from cpro_platform.suivi.checks import StockagePrive, dossiers_publics, erreurs_stockage_prive

DOCUMENTS = StockagePrive("generated documents", "exports:lot_telecharger",
                          "cpro_platform.bilans.stockage.DocumentsSurDisque",
                          "VAR_DIR / 'prive' / 'documents' (DOCUMENTS_ROOT)", "bilans")


def erreurs_stockage_documents(stockage, publics=None) -> list[checks.Error]:
    return erreurs_stockage_prive(stockage, DOCUMENTS,
                                  dossiers_publics() if publics is None else publics)


@checks.register(checks.Tags.security)
def stockage_des_documents(app_configs=None, **kwargs) -> list[checks.Error]:
    from .stockage import stockage_documents

    return erreurs_stockage_documents(stockage_documents())
