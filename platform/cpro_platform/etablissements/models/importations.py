"""Imports from a spreadsheet, as runs: the upload and its preview, then the background run
(state, progress, errors, per-row result), and the journal of what a run wrote.

A run writes in short batches (see ``imports/base.py``); the journal lets a failed run undo
the batches it had already committed, so an import stays all or nothing.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .structure import Etablissement


class EtatImport(models.TextChoices):
    APERCU = "apercu", _("aperçu, en attente de confirmation")
    EN_FILE = "file", _("en file d’attente")
    EN_COURS = "cours", _("en cours")
    TERMINE = "termine", _("terminé")
    ECHOUE = "echoue", _("échoué : rien n’a été importé")


class Importation(models.Model):
    """One uploaded file for one kind of import, from its preview to the end of its run."""

    EN_MARCHE = (EtatImport.EN_FILE, EtatImport.EN_COURS)

    etablissement = models.ForeignKey(Etablissement, on_delete=models.CASCADE,
                                      related_name="importations",
                                      verbose_name=_("établissement"))
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name=_("auteur"))
    type = models.CharField(_("type d’import"), max_length=20)
    nom_fichier = models.CharField(_("fichier"), max_length=255)
    #: The uploaded bytes, kept from the preview to the run, emptied when the run ends.
    contenu = models.BinaryField(default=bytes)
    etat = models.CharField(_("état"), max_length=7, choices=EtatImport.choices,
                            default=EtatImport.APERCU)
    lignes_total = models.PositiveIntegerField(_("lignes à traiter"), default=0)
    lignes_faites = models.PositiveIntegerField(_("lignes traitées"), default=0)
    #: {"cree": n, "modifie": n, "inchange": n}
    compteurs = models.JSONField(default=dict)
    #: [{"numero": line or null, "message": "…"}], French, as shown to the administrator.
    erreurs = models.JSONField(default=list)
    #: [{"numero", "resume", "action", "details"}]: the preview, then what the run did.
    lignes = models.JSONField(default=list)
    cree_le = models.DateTimeField(_("déposé le"), auto_now_add=True)
    debut = models.DateTimeField(_("début"), null=True, blank=True)
    fin = models.DateTimeField(_("fin"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-cree_le", "-pk"]
        indexes = [models.Index(fields=["etablissement", "-cree_le"])]

    def __str__(self) -> str:
        return f"{self.nom_fichier} ({self.get_etat_display()})"

    @property
    def en_marche(self) -> bool:
        return self.etat in self.EN_MARCHE

    @property
    def pourcentage(self) -> int:
        return 100 * self.lignes_faites // self.lignes_total if self.lignes_total else 0


class EcritureImport(models.Model):
    """One row written by a run, with what it held before: enough to undo it.

    Written in the same transaction as the batch it describes, so a batch and its journal
    are committed (or lost) together.
    """

    class Action(models.TextChoices):
        CREE = "cree"
        MODIFIE = "modifie"
        SUPPRIME = "supprime"

    importation = models.ForeignKey(Importation, on_delete=models.CASCADE,
                                    related_name="ecritures")
    lot = models.PositiveIntegerField()
    modele = models.CharField(max_length=100)  # "app_label.ModelName"
    cle = models.CharField(max_length=64)
    action = models.CharField(max_length=8, choices=Action.choices)
    #: The row's previous column values (attnames) for a modification or a deletion.
    avant = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
