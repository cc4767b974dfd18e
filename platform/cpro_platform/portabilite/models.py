"""An archive's import followed in the background (django-tasks; ``manage.py db_worker``).

Upload → the worker verifies the archive and runs the preview (the import, rolled back) →
the administrator who uploaded it confirms → the worker commits it. The archive waits in the
private documents storage (no URL) meanwhile; the preview is kept as JSON (``Apercu``), so the
page shows it without reading the archive again. A request never runs the import itself.
"""
import secrets
from dataclasses import asdict

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpro_platform.bilans.stockage import stockage_documents

from .apercu import Apercu


class EtatImport(models.TextChoices):
    EN_ATTENTE = "attente", _("en attente de vérification")
    VERIFICATION = "verification", _("vérification en cours")
    APERCU = "apercu", _("aperçu prêt")
    CONFIRME = "confirme", _("import en attente")
    EN_COURS = "cours", _("import en cours")
    IMPORTE = "importe", _("importé")
    REFUSE = "refuse", _("refusé")
    ECHEC = "echec", _("échec")


def chemin_archive(dossier: "ImportDossier", nom: str) -> str:
    # A random name: the establishment's folder never lists a guessable file.
    return f"portabilite/{dossier.etablissement_id}/{secrets.token_urlsafe(16)}.zip"


class ImportDossier(models.Model):
    EN_MARCHE = (EtatImport.EN_ATTENTE, EtatImport.VERIFICATION, EtatImport.CONFIRME,
                 EtatImport.EN_COURS)
    #: The steps the progress bar counts (``etape`` of ``ETAPES``).
    ETAPES = 3

    etablissement = models.ForeignKey("etablissements.Etablissement", on_delete=models.CASCADE,
                                      related_name="imports_dossiers",
                                      verbose_name=_("établissement"))
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name=_("déposé par"))
    nom_fichier = models.CharField(_("nom du fichier"), max_length=255, blank=True)
    #: The uploaded archive, until it is imported or refused.
    fichier = models.FileField(_("archive"), storage=stockage_documents,
                               upload_to=chemin_archive, blank=True, max_length=300)
    etat = models.CharField(_("état"), max_length=12, choices=EtatImport.choices,
                            default=EtatImport.EN_ATTENTE)
    etape = models.PositiveSmallIntegerField(_("étape"), default=0)
    #: ``Apercu`` as JSON: the preview, then what the commit did (refusals included).
    apercu = models.JSONField(_("aperçu"), default=dict, blank=True)
    apprenant = models.ForeignKey("etablissements.Apprenant", on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+",
                                  verbose_name=_("apprenant importé"))
    erreur = models.TextField(_("erreur"), blank=True)
    cree_le = models.DateTimeField(_("déposé le"), default=timezone.now)
    debut = models.DateTimeField(_("début"), null=True, blank=True)
    fin = models.DateTimeField(_("fin"), null=True, blank=True)

    class Meta:
        verbose_name = _("import de dossier")
        verbose_name_plural = _("imports de dossiers")
        ordering = ["-cree_le", "-pk"]
        indexes = [models.Index(fields=["etablissement", "-cree_le"],
                                name="import_dossier_etab")]

    def __str__(self) -> str:
        return f"{self.nom_fichier} — {self.etablissement} ({self.get_etat_display()})"

    @property
    def en_marche(self) -> bool:
        return self.etat in self.EN_MARCHE

    @property
    def pourcentage(self) -> int:
        return 100 * self.etape // self.ETAPES

    def lire_apercu(self) -> Apercu | None:
        return Apercu(**self.apercu) if self.apercu else None

    @staticmethod
    def json_apercu(apercu: Apercu) -> dict:
        return asdict(apercu)

    @property
    def confirmable(self) -> bool:
        """A preview ready, acceptable, and that would change something."""
        apercu = self.lire_apercu()
        return (self.etat == EtatImport.APERCU and apercu is not None and apercu.acceptable
                and not apercu.deja_importe)
